using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Takes the given fake-clock time on its next run only: makes one cycle overrun.</summary>
internal sealed class SlowMonitor(FakeTimeProvider time) : IMonitor
{
    private static long _nextRunTicks;

    public static TimeSpan NextRunTakes
    {
        set => Interlocked.Exchange(ref _nextRunTicks, value.Ticks);
    }

    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        time.Advance(TimeSpan.FromTicks(Interlocked.Exchange(ref _nextRunTicks, 0)));
        return Task.FromResult(MonitorResult.Success());
    }
}

public sealed class SchedulerTests : IAsyncLifetime
{
    private static readonly SystemVarKey<bool> StepToggle = new("enabled_step", true);
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private MonitorCoreApp _host = null!;
    private MonitorScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        var offline = OfflineSources.Settings();
        offline["Monitors:latency_monitor:Targets:0:Name"] = "x";
        offline["Monitors:latency_monitor:Targets:0:Url"] = LocalHttpServer.RefusedUrl();
        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: offline), services =>
        {
            services.AddSingleton(_time);
            services.AddSingleton<TimeProvider>(_time);
            services.AddMonitor<SucceedingMonitor>("step_one", r => r with { InCycle = true, Order = 1 });
            services.AddMonitor<ThrowingMonitor>("step_two", r => r with { InCycle = true, Order = 2 });
            services.AddMonitor<SlowMonitor>("step_three", r => r with { InCycle = true, Order = 3, Toggle = StepToggle });
            services.AddMonitor<SucceedingMonitor>("timer_monitor", r => r with { Interval = TimeSpan.FromSeconds(90) });
        });
        await _host.InitializeDatabaseAsync(default);
        _scheduler = _host.Services.GetRequiredService<MonitorScheduler>();
        SlowMonitor.NextRunTakes = TimeSpan.Zero;
    }

    public async Task DisposeAsync()
    {
        await _scheduler.StopAsync(default);
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private IMonitorLedger Ledger => _host.Services.GetRequiredService<IMonitorLedger>();

    private async Task<IReadOnlyList<LedgerEntry>> Rows(string monitor) =>
        (await Ledger.QueryAsync(new LedgerQuery(monitor, 1000), default)).Reverse().ToList();

    private async Task StartAsync()
    {
        var idle = _scheduler.NextIdle;
        await _scheduler.StartAsync(default);
        await idle;
    }

    /// <summary>Moves the fake clock to each time the loop wakes at, letting the loop catch up each time.</summary>
    private async Task AdvanceAsync(TimeSpan total)
    {
        var target = _time.GetUtcNow() + total;
        while (_time.GetUtcNow() < target)
        {
            var wake = _scheduler.SleepingUntil;
            var idle = _scheduler.NextIdle;
            _time.Advance((wake < target ? wake : target) - _time.GetUtcNow());
            if (_time.GetUtcNow() >= wake)
            {
                await idle;
            }
        }
    }

    [Fact]
    public async Task A_cycle_runs_its_steps_in_order_records_one_sonic_row_and_beats()
    {
        await StartAsync();

        var sonic = Assert.Single(await Rows(Heartbeats.Sonic));
        Assert.Equal(MonitorStatus.Warning, sonic.Status);
        // The built-in monitors run in the cycle too; offline, prices fail and the others find nothing to do.
        Assert.Equal("steps failed: step_two, price_monitor", (string?)sonic.Metadata["warning"]);
        var steps = sonic.Metadata["steps"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
        Assert.Equal(_host.Registry.All.Where(r => r.InCycle).Select(r => r.Name), steps.Keys);
        Assert.Equal(("Success", "Error", "Success", "Error"), (steps["step_one"], steps["step_two"], steps["step_three"], steps["price_monitor"]));
        Assert.False((bool)sonic.Metadata["overrun"]!);
        foreach (var step in new[] { "step_one", "step_two", "step_three" })
        {
            Assert.Equal(sonic.CycleId, Assert.Single(await Rows(step)).CycleId);
        }

        var heartbeat = await _host.Services.GetRequiredService<IHeartbeatStore>().GetAsync(Heartbeats.Sonic, default);
        Assert.Equal(_time.GetUtcNow(), heartbeat!.LastRun);
        Assert.Single(await Rows("timer_monitor"));
    }

    [Fact]
    public async Task The_next_cycle_starts_one_interval_after_the_last_started_and_a_live_change_applies()
    {
        await StartAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(55));
        Assert.Single(await Rows(Heartbeats.Sonic));
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, (await Rows(Heartbeats.Sonic)).Count);

        await _host.Services.GetRequiredService<IHeartbeatStore>().SetIntervalAsync(Heartbeats.Sonic, TimeSpan.FromSeconds(10), default);
        await AdvanceAsync(TimeSpan.FromSeconds(30));
        var starts = (await Rows(Heartbeats.Sonic)).Select(r => (r.Timestamp - _time.Start).TotalSeconds).ToList();
        Assert.Equal([0, 60, 70, 80, 90], starts);
    }

    [Fact]
    public async Task Sonic_interval_and_a_step_disabled_through_the_operations_apply_to_the_running_loop_at_its_next_cycle()
    {
        await StartAsync();
        var sonic = _host.Operations.Sonic;

        var view = await sonic.SetIntervalAsync("2s", default);
        Assert.Equal((2.0, "runtime settings (monitor_heartbeat)"), (view.IntervalSeconds, view.IntervalSource));
        await AdvanceAsync(TimeSpan.FromSeconds(5)); // the loop sees the new interval at its next look, at most 5 s on
        await AdvanceAsync(TimeSpan.FromSeconds(4));
        var starts = (await Rows(Heartbeats.Sonic)).Select(r => (r.Timestamp - _time.Start).TotalSeconds).ToList();
        Assert.Equal([0, 5, 7, 9], starts);

        view = await sonic.SetStepAsync("market", enabled: false, default);
        Assert.False(view.Steps.Single(s => s.Monitor == "market_monitor").Enabled);
        await AdvanceAsync(TimeSpan.FromSeconds(2));
        var market = (await Rows("market_monitor"))[^1];
        Assert.Equal((MonitorStatus.Disabled, "enabled_market is off"), (market.Status, (string?)market.Metadata["reason"]));
        Assert.Equal("Disabled", (string?)(await Rows(Heartbeats.Sonic))[^1].Metadata["steps"]!["market_monitor"]);

        view = await sonic.GetAsync(default);
        Assert.Equal((_time.GetUtcNow(), 2.0), (view.LastCycle, view.NextCycleSeconds));
        Assert.Equal(_scheduler.Holder, view.Leader!.Holder);
    }

    [Fact]
    public async Task An_overrun_is_a_warning_and_the_next_cycle_follows_without_overlap()
    {
        SlowMonitor.NextRunTakes = TimeSpan.FromSeconds(75);
        await StartAsync();

        var rows = await Rows(Heartbeats.Sonic);
        Assert.Equal(2, rows.Count);
        Assert.Equal(MonitorStatus.Warning, rows[0].Status);
        Assert.True((bool)rows[0].Metadata["overrun"]!);
        Assert.StartsWith("overrun: the cycle took 75 s of a 60 s interval", (string?)rows[0].Metadata["warning"], StringComparison.Ordinal);

        // The overdue cycle started as soon as the slow one finished, not while it ran.
        Assert.Equal(rows[0].Timestamp + TimeSpan.FromSeconds(75), rows[1].Timestamp);
        Assert.False((bool)rows[1].Metadata["overrun"]!);
    }

    [Fact]
    public async Task Toggles_turn_a_step_or_the_whole_cycle_into_disabled_rows()
    {
        var vars = _host.Services.GetRequiredService<SystemVars>();
        await vars.SetAsync(StepToggle, false);
        await StartAsync();
        Assert.Equal(MonitorStatus.Disabled, Assert.Single(await Rows("step_three")).Status);
        Assert.Equal("enabled_step is off", (string?)(await Rows("step_three"))[0].Metadata["reason"]);

        await vars.SetAsync(SystemVarKeys.EnabledSonic, false);
        await AdvanceAsync(TimeSpan.FromSeconds(60));
        var sonic = await Rows(Heartbeats.Sonic);
        Assert.Equal(MonitorStatus.Disabled, sonic[^1].Status);
        Assert.Single(await Rows("step_one"));
    }

    [Fact]
    public async Task A_broken_toggle_value_never_silences_a_step()
    {
        await _host.Services.GetRequiredService<ISystemVarStore>().SetRawAsync(StepToggle.Name, "\"maybe\"", default);
        await StartAsync();
        Assert.Equal(MonitorStatus.Success, Assert.Single(await Rows("step_three")).Status);
    }

    [Fact]
    public async Task Timer_monitors_run_on_their_own_interval_beside_the_cycle()
    {
        await StartAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(89));
        Assert.Single(await Rows("timer_monitor"));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await Rows("timer_monitor")).Count);
        Assert.Null((await Rows("timer_monitor"))[1].CycleId);
    }

    [Fact]
    public async Task After_a_restart_a_timer_monitor_that_ran_recently_waits_out_its_interval()
    {
        await Ledger.AppendAsync(new LedgerEntry(0, "timer_monitor", _time.GetUtcNow().AddSeconds(-30), MonitorStatus.Success, new JsonObject(), 1, null), default);
        await StartAsync();
        Assert.Single(await Rows("timer_monitor"));
        await AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, (await Rows("timer_monitor")).Count);
    }

    [Fact]
    public async Task The_self_test_runs_at_every_start_even_after_a_recent_run_then_on_its_hourly_timer()
    {
        await Ledger.AppendAsync(new LedgerEntry(0, "operations_monitor", _time.GetUtcNow().AddMinutes(-5), MonitorStatus.Success, new JsonObject(), 1, null), default);
        await StartAsync();
        var rows = await Rows("operations_monitor");
        Assert.Equal(2, rows.Count); // the one of five minutes ago, and the one at this start
        Assert.Equal(_time.GetUtcNow(), rows[1].Timestamp);
        Assert.NotNull(rows[1].Metadata["checks"]);

        await AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(2, (await Rows("operations_monitor")).Count);
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await Rows("operations_monitor")).Count);
    }

    [Fact]
    public async Task After_a_restart_a_timer_monitor_whose_last_run_was_interrupted_runs_at_once()
    {
        var interrupted = new JsonObject { ["reason"] = MonitorRunner.InterruptedReason, ["interrupted"] = true };
        await Ledger.AppendAsync(new LedgerEntry(0, "timer_monitor", _time.GetUtcNow().AddSeconds(-30), MonitorStatus.Skipped, interrupted, 1, null), default);
        await StartAsync();
        var rows = await Rows("timer_monitor");
        Assert.Equal(2, rows.Count);
        Assert.Equal((MonitorStatus.Success, _time.GetUtcNow()), (rows[1].Status, rows[1].Timestamp));
    }
}
