using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Files;
using MonitorCore.Health;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Operations;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

public sealed class StatusSnapshotTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private MonitorCoreApp _host = null!;

    public async Task InitializeAsync()
    {
        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()), services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddMonitor<SucceedingMonitor>("ok_monitor", r => r with { Interval = TimeSpan.FromSeconds(60) });
            services.AddMonitor<SucceedingMonitor>("cycle_monitor", r => r with { InCycle = true });
        });
        await _host.InitializeDatabaseAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<MonitorStatusEntry> StatusOf(string name) =>
        (await _host.Operations.Status.GetAsync(default)).Monitors.Single(m => m.Name == name);

    [Fact]
    public async Task A_monitor_that_never_ran_is_offline()
    {
        var snapshot = await _host.Operations.Status.GetAsync(default);
        Assert.Equal(_host.Registry.Names, snapshot.Monitors.Select(m => m.Name));
        Assert.Contains("ok_monitor", snapshot.Monitors.Select(m => m.Name));
        Assert.All(snapshot.Monitors, m => Assert.Equal(MonitorHealth.Offline, m.Health));
        Assert.All(snapshot.Monitors, m => Assert.Null(m.LastStatus));
        Assert.Null(snapshot.SonicNext);
        Assert.Null(snapshot.SonicLastComplete);
    }

    [Fact]
    public async Task Health_follows_the_age_of_the_newest_row()
    {
        await _host.Runner.RunByNameAsync("ok_monitor", null, default);
        _time.Advance(TimeSpan.FromSeconds(10));

        var fresh = await StatusOf("ok_monitor");
        Assert.Equal((MonitorHealth.Healthy, MonitorStatus.Success, 10.0, 60.0), (fresh.Health, fresh.LastStatus!.Value, fresh.AgeSeconds!.Value, fresh.IntervalSeconds));
        Assert.Equal(_time.GetUtcNow().AddSeconds(-10), fresh.LastRun);
        Assert.NotNull(fresh.LastMetadata);

        _time.Advance(TimeSpan.FromSeconds(115));
        Assert.Equal(MonitorHealth.Warning, (await StatusOf("ok_monitor")).Health);
        _time.Advance(TimeSpan.FromSeconds(180));
        Assert.Equal(MonitorHealth.Offline, (await StatusOf("ok_monitor")).Health);
    }

    [Fact]
    public async Task A_timer_override_changes_the_expected_interval()
    {
        await _host.Runner.RunByNameAsync("ok_monitor", null, default);
        _time.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(MonitorHealth.Warning, (await StatusOf("ok_monitor")).Health);

        await _host.Services.GetRequiredService<TimerConfig>().SetAsync("ok_monitor", TimeSpan.FromMinutes(10), default);
        var entry = await StatusOf("ok_monitor");
        Assert.Equal(MonitorHealth.Healthy, entry.Health);
        Assert.Equal(600, entry.IntervalSeconds);
    }

    [Fact]
    public async Task Cycle_monitors_follow_the_sonic_interval_and_the_snapshot_shows_the_next_cycle()
    {
        var heartbeats = _host.Services.GetRequiredService<IHeartbeatStore>();
        Assert.Equal(60, (await StatusOf("cycle_monitor")).IntervalSeconds);

        await heartbeats.SetIntervalAsync(Heartbeats.Sonic, TimeSpan.FromSeconds(30), default);
        await heartbeats.RecordRunAsync(Heartbeats.Sonic, _time.GetUtcNow(), Heartbeats.DefaultSonicInterval, default);
        var ledger = _host.Services.GetRequiredService<IMonitorLedger>();
        await ledger.AppendAsync(new LedgerEntry(0, Heartbeats.Sonic, _time.GetUtcNow(), MonitorStatus.Success, [], 5, "c1"), default);
        await ledger.AppendAsync(new LedgerEntry(0, Heartbeats.Sonic, _time.GetUtcNow().AddSeconds(1), MonitorStatus.Error, [], 5, "c2"), default);
        _time.Advance(TimeSpan.FromSeconds(12));

        var snapshot = await _host.Operations.Status.GetAsync(default);
        Assert.Equal(30, snapshot.Monitors.Single(m => m.Name == "cycle_monitor").IntervalSeconds);
        Assert.Equal(18, snapshot.SonicNext);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-12), snapshot.SonicLastComplete);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await _host.Operations.Status.GetAsync(default)).SonicNext);
    }

    [Fact]
    public async Task What_another_process_does_on_the_same_database_shows_at_the_next_snapshot_without_the_clock_moving()
    {
        Assert.Equal(MonitorHealth.Offline, (await StatusOf("ok_monitor")).Health);
        await using var other = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()), services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddMonitor<SucceedingMonitor>("ok_monitor", r => r with { Interval = TimeSpan.FromSeconds(60) });
        });
        await other.InitializeDatabaseAsync(default);

        await other.Runner.RunByNameAsync("ok_monitor", null, default);
        var ran = await StatusOf("ok_monitor");
        Assert.Equal(MonitorHealth.Healthy, ran.Health);
        Assert.Equal(MonitorStatus.Success, ran.LastStatus);

        await other.Operations.Alerts.SnoozeAsync(new SnoozeRequest("all", TimeSpan.FromMinutes(30), false, "maintenance"), default);
        var snooze = Assert.Single((await _host.Operations.Status.GetAsync(default)).Snoozes);
        Assert.Equal("maintenance", snooze.Reason);
        Assert.Equal(1800, snooze.SecondsLeft);

        await other.Services.GetRequiredService<TimerConfig>().SetAsync("ok_monitor", TimeSpan.FromMinutes(10), default);
        Assert.Equal(600, (await StatusOf("ok_monitor")).IntervalSeconds);
    }

    [Fact]
    public async Task What_the_clock_decides_is_worked_out_at_every_snapshot_and_a_write_beside_the_ledger_and_events_shows_within_MaxAge()
    {
        await _host.Runner.RunByNameAsync("ok_monitor", null, default);
        await _host.Operations.Alerts.SnoozeAsync(new SnoozeRequest("all", TimeSpan.FromSeconds(10), false, null), default);
        Assert.Equal(60, (await StatusOf("cycle_monitor")).IntervalSeconds);

        // Straight into the database: no ledger row, no event. The snapshot keeps what it read, for MaxAge at most.
        await _host.Services.GetRequiredService<IHeartbeatStore>().SetIntervalAsync(Heartbeats.Sonic, TimeSpan.FromSeconds(30), default);
        Assert.Equal(60, (await StatusOf("cycle_monitor")).IntervalSeconds);
        _time.Advance(StatusSnapshotBuilder.MaxAge);
        Assert.Equal(30, (await StatusOf("cycle_monitor")).IntervalSeconds);

        // Ages, health and the snoozes' time follow the clock whatever was read when.
        var snapshot = await _host.Operations.Status.GetAsync(default);
        Assert.Equal(StatusSnapshotBuilder.MaxAge.TotalSeconds, snapshot.Monitors.Single(m => m.Name == "ok_monitor").AgeSeconds);
        Assert.Equal(10 - StatusSnapshotBuilder.MaxAge.TotalSeconds, Assert.Single(snapshot.Snoozes).SecondsLeft);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        snapshot = await _host.Operations.Status.GetAsync(default);
        Assert.Equal(StatusSnapshotBuilder.MaxAge.TotalSeconds + 0.4, snapshot.Monitors.Single(m => m.Name == "ok_monitor").AgeSeconds);
        Assert.Equal(_time.GetUtcNow(), snapshot.GeneratedAt);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty((await _host.Operations.Status.GetAsync(default)).Snoozes);
        Assert.Equal(MonitorHealth.Healthy, (await StatusOf("ok_monitor")).Health);
        _time.Advance(TimeSpan.FromSeconds(115));
        Assert.Equal(MonitorHealth.Warning, (await StatusOf("ok_monitor")).Health);
    }
}
