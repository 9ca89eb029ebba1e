using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Heartbeat;
using MonitorCore.Settings;

namespace MonitorCore.Data.Tests.Repositories;

public abstract class SettingsRepositoryTests(ITestDatabaseFactory factory) : DatabaseTestBase(factory)
{
    [Fact]
    public async Task Heartbeat_records_runs_and_keeps_a_live_interval()
    {
        var heartbeats = new HeartbeatRepository(Database);
        Assert.Null(await heartbeats.GetAsync(Heartbeats.Sonic, default));

        await heartbeats.RecordRunAsync(Heartbeats.Sonic, T0, TimeSpan.FromSeconds(60), default);
        await heartbeats.SetIntervalAsync(Heartbeats.Sonic, TimeSpan.FromSeconds(30), default);
        await heartbeats.RecordRunAsync(Heartbeats.Sonic, T0.AddMinutes(1), TimeSpan.FromSeconds(60), default);

        var row = await heartbeats.GetAsync(Heartbeats.Sonic, default);
        Assert.Equal(T0.AddMinutes(1), row!.LastRun);
        Assert.Equal(TimeSpan.FromSeconds(30), row.Interval);

        await heartbeats.SetIntervalAsync("other_loop", TimeSpan.FromSeconds(5), default);
        Assert.Null((await heartbeats.GetAsync("other_loop", default))!.LastRun);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => heartbeats.SetIntervalAsync(Heartbeats.Sonic, TimeSpan.Zero, default));
    }

    [Fact]
    public async Task System_vars_hold_typed_json_values()
    {
        var store = new SystemVarRepository(Database, new FakeTimeProvider(T0));
        var vars = new SystemVars(store);

        Assert.False(await vars.GetAsync(SystemVarKeys.EnabledRisk));
        await vars.SetAsync(SystemVarKeys.EnabledRisk, true);
        Assert.True(await vars.GetAsync(SystemVarKeys.EnabledRisk));
        await vars.SetAsync(SystemVarKeys.ThemeMode, "light");
        await vars.SetAsync(SystemVarKeys.ThemeMode, "dark");

        var all = await store.ListRawAsync(default);
        Assert.Equal(["enabled_risk", "theme_mode"], all.Keys);
        Assert.Equal("\"dark\"", all["theme_mode"]);

        Assert.True(await vars.ResetAsync(SystemVarKeys.EnabledRisk));
        Assert.False(await vars.ResetAsync(SystemVarKeys.EnabledRisk));
        Assert.False(await vars.GetAsync(SystemVarKeys.EnabledRisk));
    }

    [Fact]
    public async Task System_vars_refuse_invalid_json_and_report_a_value_of_the_wrong_type()
    {
        var store = new SystemVarRepository(Database, new FakeTimeProvider(T0));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SetRawAsync("x", "{nope", default));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);

        await store.SetRawAsync("enabled_risk", "\"sometimes\"", default);
        var format = await Assert.ThrowsAsync<SystemVarFormatException>(() => new SystemVars(store).GetAsync(SystemVarKeys.EnabledRisk));
        Assert.Equal("enabled_risk", format.Key);
        Assert.Equal("\"sometimes\"", await store.GetRawAsync("enabled_risk", default));
    }

    [Fact]
    public async Task Thresholds_are_seeded_with_the_defaults()
    {
        var thresholds = await new AlertThresholdRepository(Database).ListAsync(default);
        Assert.Equal(5, thresholds.Count);
        var liquidation = thresholds.Single(t => t.AlertType == "LiquidationDistance");
        Assert.Equal((ThresholdCondition.Below, 10, 7.5, 5), (liquidation.Condition, liquidation.Low, liquidation.Medium, liquidation.High));
        var profit = thresholds.Single(t => t.AlertType == "Profit");
        Assert.Equal((ThresholdCondition.Above, 10, 25, 50), (profit.Condition, profit.Low, profit.Medium, profit.High));
        Assert.All(thresholds, t => Assert.Null(AlertThreshold.Problem(t)));
        Assert.All(thresholds, t => Assert.True(t.Enabled));
    }

    [Fact]
    public async Task Threshold_upsert_replaces_and_refuses_a_bad_triple()
    {
        var repository = new AlertThresholdRepository(Database);
        var profit = (await repository.GetAsync("Profit", "Position", default))!;
        await repository.UpsertAsync(profit with { Low = 5, HighNotify = "sms,voice", Enabled = false }, default);

        var changed = (await repository.GetAsync("Profit", "Position", default))!;
        Assert.Equal(5, changed.Low);
        Assert.Equal("sms,voice", changed.HighNotify);
        Assert.False(changed.Enabled);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => repository.UpsertAsync(profit with { Low = 100 }, default));
        Assert.Contains("low ≤ medium ≤ high", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await repository.GetAsync("Profit", "Position", default))!.Low);
        Assert.Null(await repository.GetAsync("Profit", "Nowhere", default));
    }
}

public sealed class SqliteSettingsRepositoryTests() : SettingsRepositoryTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresSettingsRepositoryTests(PostgresFixture postgres) : SettingsRepositoryTests(new PostgresDatabaseFactory(postgres));
