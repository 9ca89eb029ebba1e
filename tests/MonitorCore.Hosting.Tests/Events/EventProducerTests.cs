using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Events;
using MonitorCore.Hosting.Operations;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Ledger;
using MonitorCore.Monitors.Market;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Positions;

namespace MonitorCore.Hosting.Tests.Events;

/// <summary>Each thing the live faces show is recorded as an event where it happens, with the product's JSON.</summary>
public sealed class EventProducerTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Notifications:Sound:Command"] = "true", // HIGH rings the sound channel: sent; e-mail, SMS and voice are not configured: skipped
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<IReadOnlyList<MonitorEvent>> EventsAsync(params string[] types) =>
        [.. (await _host.Get<IEventLog>().ReadAfterAsync(0, 10_000, default)).Where(e => types.Length == 0 || types.Contains(e.Type))];

    /// <summary>A SOL long at <paramref name="price"/> (liquidation 170), evaluated by liquid_monitor.</summary>
    private async Task<LedgerEntry> LiquidationTickAsync(double price)
    {
        var position = PositionMath.Enrich(new Position
        {
            Id = "sol-long", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 182.5, LiquidationPrice = 170,
            Size = 1500, Collateral = 115, LastUpdated = _host.Time.GetUtcNow(), WalletName = "main",
        }, price, new HeatIndexWeights());
        await _host.Get<IPositionStore>().UpsertAsync([position], default);
        var run = await _host.RunAsync("liquid_monitor");
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        return run;
    }

    [Fact]
    public async Task A_run_records_run_recorded_with_its_ledger_row()
    {
        var entry = await _host.RunAsync("price_monitor");

        var e = Assert.Single(await EventsAsync(EventTypes.RunRecorded));
        Assert.Equal(entry.Id, (long?)e.Data["id"]);
        Assert.Equal("price_monitor", (string?)e.Data["monitor_name"]);
        Assert.Equal(entry.Status.Word(), (string?)e.Data["status"]);
        Assert.Equal(entry.DurationMs, (double?)e.Data["duration_ms"]);
        Assert.NotNull(e.Data["metadata"]!["error"]); // offline: every source refused
        Assert.Equal(_host.Time.GetUtcNow(), e.At);
    }

    [Fact]
    public async Task A_cycle_records_cycle_completed_with_its_row_and_interval_after_the_runs_of_its_steps()
    {
        var outcome = await _host.Get<SonicCycle>().RunAsync(default);

        var events = await EventsAsync(EventTypes.RunRecorded, EventTypes.CycleCompleted);
        var cycle = events[^1];
        Assert.Equal(EventTypes.CycleCompleted, cycle.Type);
        Assert.Equal(outcome.Entry.Id, (long?)cycle.Data["entry"]!["id"]);
        Assert.Equal("sonic_monitor", (string?)cycle.Data["entry"]!["monitor_name"]);
        Assert.Equal(60, (double?)cycle.Data["interval_seconds"]);
        var runs = events.Where(e => e.Type == EventTypes.RunRecorded).Select(e => (string?)e.Data["monitor_name"]).ToList();
        Assert.Equal(["price_monitor", "position_monitor", "profit_monitor", "risk_monitor", "liquid_monitor", "market_monitor", "sonic_monitor"], runs);
    }

    [Fact]
    public async Task A_liquidation_breach_is_raised_escalated_acknowledged_and_resolved_and_its_sends_are_recorded()
    {
        await LiquidationTickAsync(188); // 9.6 % from liquidation: LOW, by e-mail (not configured)
        await _host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        await LiquidationTickAsync(178); // 4.5 %: HIGH, SMS + voice (not configured) + sound (sent)
        await _host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        var alert = Assert.Single(await _host.Get<IAlertStore>().ListAsync(true, 10, default));
        await _host.Host.Operations.Alerts.AcknowledgeAsync(alert.Id, default);
        await LiquidationTickAsync(200);

        var alerts = await EventsAsync(EventTypes.AlertRaised, EventTypes.AlertEscalated, EventTypes.AlertAcknowledged, EventTypes.AlertResolved);
        Assert.Equal(
            [EventTypes.AlertRaised, EventTypes.AlertEscalated, EventTypes.AlertAcknowledged, EventTypes.AlertResolved],
            alerts.Select(e => e.Type));
        Assert.All(alerts, e => Assert.Equal(alert.Id, (long?)e.Data["id"]));
        Assert.Equal(["LOW", "HIGH", "HIGH"], alerts.Take(3).Select(e => (string?)e.Data["level"]));
        Assert.Equal("LiquidationDistance", (string?)alerts[0].Data["rule"]);
        Assert.Equal("sol-long", (string?)alerts[0].Data["subject"]);
        Assert.Null(alerts[1].Data["acknowledged_at"]);
        Assert.Equal(_host.Time.GetUtcNow().AddMinutes(-1), (DateTimeOffset?)alerts[2].Data["acknowledged_at"]);
        Assert.Equal("RESOLVED", (string?)alerts[3].Data["state"]);
        Assert.Equal("HIGH", (string?)alerts[3].Data["peak_level"]);

        var sends = await EventsAsync(EventTypes.NotificationSent, EventTypes.NotificationFailed);
        var sound = Assert.Single(sends, e => e.Type == EventTypes.NotificationSent);
        Assert.Equal("sound", (string?)sound.Data["channel"]);
        Assert.Equal("SENT", (string?)sound.Data["status"]);
        Assert.Equal([alert.Id], sound.Data["alert_ids"]!.AsArray().Select(n => (long)n!));
        Assert.Equal("SENT", (string?)sound.Data["notifications"]![0]!["status"]);
        Assert.Equal(1, (int?)sound.Data["notifications"]![0]!["attempts"]);
        var skipped = sends.Where(e => e.Type == EventTypes.NotificationFailed).ToList();
        Assert.Equal(["email", "sms", "voice"], skipped.Select(e => (string?)e.Data["channel"]).Order());
        Assert.All(skipped, e => Assert.Equal("SKIPPED", (string?)e.Data["status"]));
        Assert.All(skipped, e => Assert.StartsWith("not sent: set ", (string?)e.Data["error"], StringComparison.Ordinal));
        Assert.All(skipped, e => Assert.Equal("SKIPPED", (string?)e.Data["notifications"]![0]!["status"]));

        // Outbox rows as the events said they are.
        var outbox = await _host.Get<MonitorCore.Notifications.INotificationOutbox>().ListAsync(null, 100, default);
        foreach (var e in sends)
        {
            var id = (long)e.Data["notifications"]![0]!["id"]!;
            Assert.Equal((string?)e.Data["status"], outbox.Single(n => n.Id == id).Status.Word());
        }
    }

    [Fact]
    public async Task A_failed_send_records_notification_failed_with_the_error()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Notifications:Sound:Command"] = "false" });
        var position = PositionMath.Enrich(new Position
        {
            Id = "sol-long", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 182.5, LiquidationPrice = 170,
            Size = 1500, Collateral = 115, LastUpdated = host.Time.GetUtcNow(), WalletName = "main",
        }, 176, new HeatIndexWeights());
        await host.Get<IPositionStore>().UpsertAsync([position], default);
        await host.RunAsync("liquid_monitor");
        await host.Get<NotificationDispatcher>().DispatchDueAsync(default);

        var failed = (await host.Get<IEventLog>().ReadAfterAsync(0, 1000, default)).Single(e => (string?)e.Data["channel"] == "sound");
        Assert.Equal(EventTypes.NotificationFailed, failed.Type);
        Assert.Equal("FAILED", (string?)failed.Data["status"]);
        Assert.Contains("exited with 1", (string?)failed.Data["error"], StringComparison.Ordinal);
        Assert.Equal("FAILED", (string?)failed.Data["notifications"]![0]!["status"]);
    }

    [Fact]
    public async Task Snoozes_added_and_removed_record_snooze_changed_with_the_snoozes_in_force()
    {
        var snooze = await _host.Host.Operations.Alerts.SnoozeAsync(new SnoozeRequest("all", TimeSpan.FromHours(1), false, "maintenance"), default);
        await _host.Host.Operations.Alerts.UnsnoozeAsync("all", default);

        var events = await EventsAsync(EventTypes.SnoozeChanged);
        Assert.Equal(2, events.Count);
        Assert.Equal(snooze.Id, (string?)events[0].Data["added"]![0]!["id"]);
        Assert.Equal("GLOBAL", (string?)events[0].Data["added"]![0]!["scope"]);
        Assert.Empty(events[0].Data["removed"]!.AsArray());
        Assert.Single(events[0].Data["snoozes"]!.AsArray());
        Assert.Empty(events[1].Data["added"]!.AsArray());
        Assert.Equal(snooze.Id, (string?)events[1].Data["removed"]![0]!["id"]);
        Assert.Empty(events[1].Data["snoozes"]!.AsArray());
    }

    [Fact]
    public async Task Settings_thresholds_wallets_and_the_market_record_settings_changed()
    {
        var operations = _host.Host.Operations;
        await operations.Settings.SetAsync("enabled_risk", "on", default);
        await operations.Settings.ResetAsync("enabled_risk", default);
        await operations.Thresholds.SetAsync(new ThresholdChange("Profit", "Position", 5, 25, 50), default);
        await operations.Wallets.AddAsync("main", "So11111111111111111111111111111111111111112", default);
        await operations.Wallets.SetEnabledAsync("main", false, default);
        await operations.Market.SetWindowAsync("1h", 3, MoveDirection.Up, default);

        var events = await EventsAsync(EventTypes.SettingsChanged);
        Assert.Equal(
            [
                ("runtime_setting", "set", "enabled_risk"), ("runtime_setting", "reset", "enabled_risk"), ("threshold", "set", "Profit/Position"),
                ("wallet", "add", "main"), ("wallet", "disable", "main"), ("market", "set_window", "1h"),
            ],
            events.Select(e => ((string?)e.Data["kind"], (string?)e.Data["action"], (string?)e.Data["key"])));
        Assert.Equal("true", (string?)events[0].Data["value"]!["value"]);
        Assert.Equal("false", (string?)events[1].Data["value"]!["value"]);
        Assert.Equal(5, (double?)events[2].Data["value"]!["low"]);
        Assert.Equal("So11111111111111111111111111111111111111112", (string?)events[3].Data["value"]!["address"]);
        Assert.False((bool?)events[4].Data["value"]!["enabled"]);
        Assert.Equal("UP", (string?)events[5].Data["value"]!["windows"]![0]!["direction"]);
    }

    [Fact]
    public async Task A_log_that_cannot_record_never_fails_the_run_the_alert_or_the_operation()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>(), services: s => s.AddSingleton<IEventLog, BrokenEventLog>());
        var position = PositionMath.Enrich(new Position
        {
            Id = "sol-long", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 182.5, LiquidationPrice = 170,
            Size = 1500, Collateral = 115, LastUpdated = host.Time.GetUtcNow(), WalletName = "main",
        }, 176, new HeatIndexWeights());
        await host.Get<IPositionStore>().UpsertAsync([position], default);

        var run = await host.RunAsync("liquid_monitor");
        await host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        var alert = Assert.Single(await host.Get<IAlertStore>().ListAsync(true, 10, default));
        await host.Host.Operations.Alerts.AcknowledgeAsync(alert.Id, default);
        await host.Host.Operations.Alerts.SnoozeAsync(new SnoozeRequest("all", TimeSpan.FromHours(1), false, null), default);
        await host.Host.Operations.Settings.SetAsync("enabled_risk", "on", default);

        Assert.Equal("HIGH", (string?)run.Metadata["level"]);
        Assert.Single(await host.Get<IMonitorLedger>().QueryAsync(new LedgerQuery("liquid_monitor"), default));
        Assert.NotNull((await host.Get<IAlertStore>().GetAsync(alert.Id, default))!.AcknowledgedAt);
        // Each was tried: the alert raised, the run, three sends (SMS and voice skipped, the terminal bell sent), the acknowledgement, the snooze, the setting.
        Assert.Equal(8, Assert.IsType<BrokenEventLog>(host.Get<IEventLog>()).Refused);
    }

    /// <summary>An event log whose database is gone.</summary>
    private sealed class BrokenEventLog : IEventLog
    {
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public Task<IReadOnlyList<MonitorEvent>> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _refused);
            throw new InvalidOperationException("the event log is broken");
        }

        public Task<IReadOnlyList<MonitorEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) => throw new InvalidOperationException("broken");

        public Task<long> LatestIdAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("broken");

        public Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new InvalidOperationException("broken");

        public Task<bool> ListenAsync(Action listening, Action committed, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
