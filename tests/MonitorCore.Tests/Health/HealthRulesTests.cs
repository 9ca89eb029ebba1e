using System.Text.Json.Nodes;
using MonitorCore.Health;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Tests.Health;

public class HealthRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private static LedgerEntry Row(MonitorStatus status, TimeSpan age) =>
        new(1, "price_monitor", Now - age, status, new JsonObject(), 1, null);

    [Fact]
    public void No_row_is_offline() =>
        Assert.Equal(MonitorHealth.Offline, HealthRules.Evaluate(null, Interval, Now));

    [Theory]
    [InlineData(MonitorStatus.Success, MonitorHealth.Healthy)]
    [InlineData(MonitorStatus.Skipped, MonitorHealth.Healthy)]
    [InlineData(MonitorStatus.Disabled, MonitorHealth.Healthy)]
    [InlineData(MonitorStatus.Warning, MonitorHealth.Warning)]
    [InlineData(MonitorStatus.Error, MonitorHealth.Error)]
    public void Fresh_row_health_follows_its_status(MonitorStatus status, MonitorHealth expected) =>
        Assert.Equal(expected, HealthRules.Evaluate(Row(status, TimeSpan.FromSeconds(10)), Interval, Now));

    [Theory]
    [InlineData(120, MonitorHealth.Healthy)]
    [InlineData(121, MonitorHealth.Warning)]
    [InlineData(300, MonitorHealth.Warning)]
    [InlineData(301, MonitorHealth.Offline)]
    public void Age_turns_a_success_into_warning_then_offline(int ageSeconds, MonitorHealth expected) =>
        Assert.Equal(expected, HealthRules.Evaluate(Row(MonitorStatus.Success, TimeSpan.FromSeconds(ageSeconds)), Interval, Now));

    [Fact]
    public void An_error_stays_an_error_however_old() =>
        Assert.Equal(MonitorHealth.Error, HealthRules.Evaluate(Row(MonitorStatus.Error, TimeSpan.FromHours(5)), Interval, Now));

    [Fact]
    public void A_row_from_the_future_has_age_zero()
    {
        var row = Row(MonitorStatus.Success, TimeSpan.FromSeconds(-30));
        Assert.Equal(TimeSpan.Zero, HealthRules.Age(row, Now));
        Assert.Equal(MonitorHealth.Healthy, HealthRules.Evaluate(row, Interval, Now));
    }

    [Fact]
    public void Overall_is_the_worst_health()
    {
        StatusSnapshot Snapshot(params MonitorHealth[] healths) => new(
            Now, [.. healths.Select((h, i) => new MonitorStatusEntry($"m{i}", h, null, null, null, 60, null))], null, null);

        Assert.Equal(MonitorHealth.Healthy, Snapshot().Overall);
        Assert.Equal(MonitorHealth.Warning, Snapshot(MonitorHealth.Healthy, MonitorHealth.Warning).Overall);
        Assert.Equal(MonitorHealth.Error, Snapshot(MonitorHealth.Error, MonitorHealth.Warning).Overall);
    }
}
