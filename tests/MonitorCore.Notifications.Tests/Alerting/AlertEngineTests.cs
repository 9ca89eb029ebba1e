using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Notifications;

namespace MonitorCore.Notifications.Tests.Alerting;

/// <summary>The alert lifecycle on a real database: firing, escalation, resolve, grouping, snoozes, phone relax, repeats.</summary>
public sealed class AlertEngineTests : IAsyncLifetime
{
    private static readonly AlertRule Liquidation = new()
    {
        Name = "LiquidationDistance", Monitor = "liquid_monitor", Condition = ThresholdCondition.Below, Low = 10, Medium = 7.5, High = 5,
    };

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IAlertEngine Engine => _host.Get<IAlertEngine>();

    private Task<AlertOutcome> Evaluate(params (string Subject, double Value)[] observations) =>
        Engine.EvaluateAsync(Liquidation, [.. observations.Select(o => new Observation(o.Subject, o.Value, $"{o.Subject} {o.Value} % from liquidation"))], "cycle", default);

    private async Task<IReadOnlyList<Notification>> Outbox() =>
        (await _host.Get<INotificationOutbox>().ListAsync(null, 1000, default)).Reverse().ToList();

    private static IEnumerable<(string, AlertLevel)> Channels(IEnumerable<Notification> rows) => rows.Select(n => (n.Channel, n.Level));

    [Fact]
    public async Task A_breach_fires_once_and_queues_the_level_channels()
    {
        var first = await Evaluate(("sol", 9));
        var again = await Evaluate(("sol", 9.2));

        var alert = Assert.Single(first.Alerts);
        Assert.Equal((AlertLevel.Low, AlertState.Firing, 10.0), (alert.Level, alert.State, alert.Threshold));
        Assert.Equal(AlertLevel.Low, first.HighestLevel);
        var row = Assert.Single(await Outbox());
        Assert.Equal(("email", AlertLevel.Low, "cycle"), (row.Channel, row.Level, row.GroupKey));
        Assert.Equal([alert.Id], row.AlertIds);
        Assert.Equal("[LOW] liquid_monitor: sol 9 % from liquidation", row.Subject);
        Assert.Contains($"alert {alert.Id}", row.Body, StringComparison.Ordinal);
        Assert.Empty(again.NotificationIds);
        Assert.Equal(9.2, Assert.Single(again.Alerts).Value);
    }

    [Fact]
    public async Task A_walk_towards_liquidation_escalates_low_medium_high_then_resolves_once()
    {
        foreach (var value in new[] { 12.0, 9.5, 7.0, 4.5, 4.0, 6.0, 9.0, 12.0, 12.5 })
        {
            await Evaluate(("sol", value));
            _host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var rows = await Outbox();
        Assert.Equal(
            // The resolve goes where the peak (HIGH) went, less the call and the sound.
            [("email", AlertLevel.Low), ("sms", AlertLevel.Medium), ("sms", AlertLevel.High), ("voice", AlertLevel.High), ("sound", AlertLevel.High), ("sms", AlertLevel.Low)],
            Channels(rows));
        Assert.StartsWith("[RESOLVED]", rows[^1].Subject, StringComparison.Ordinal);
        var alerts = await _host.Get<IAlertStore>().ListAsync(false, 10, default);
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertState.Resolved, AlertLevel.High), (alert.State, alert.PeakLevel));
        Assert.Equal(4, alert.NotifyCount);
    }

    [Fact]
    public async Task Several_alerts_of_one_evaluation_share_one_message_per_channel()
    {
        var outcome = await Evaluate(("sol", 4), ("btc", 3), ("eth", 20));

        Assert.Equal(2, outcome.FiringIds.Count());
        var rows = await Outbox();
        Assert.Equal(["sms", "voice", "sound"], rows.Select(r => r.Channel));
        Assert.All(rows, r => Assert.Equal(2, r.AlertIds.Count));
        Assert.Equal("[HIGH] 2 alerts from liquid_monitor", rows[0].Subject);
        Assert.Equal(2, rows[0].Body.Split('\n').Length);
    }

    [Fact]
    public async Task A_subject_no_longer_observed_resolves()
    {
        await Evaluate(("sol", 4), ("btc", 3));
        var outcome = await Evaluate(("btc", 3));

        var resolved = Assert.Single(outcome.Alerts, a => a.State == AlertState.Resolved);
        Assert.Equal("sol", resolved.Subject);
        Assert.StartsWith("no longer observed", resolved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snooze_stops_sends_but_not_the_alert_and_the_alert_is_told_when_it_ends()
    {
        await _host.Get<SnoozeService>().AddAsync(SnoozeScope.Monitor, "liquid_monitor", TimeSpan.FromMinutes(30), false, "in a meeting");

        var snoozed = await Evaluate(("sol", 4));

        Assert.Equal(AlertLevel.High, snoozed.HighestLevel);
        Assert.Empty(await Outbox());
        Assert.Contains("snoozed (monitor liquid_monitor)", Assert.Single(snoozed.Notes), StringComparison.Ordinal);

        _host.Time.Advance(TimeSpan.FromMinutes(31));
        var after = await Evaluate(("sol", 4));
        Assert.Equal(["sms", "voice", "sound"], (await Outbox()).Select(r => r.Channel));
        Assert.Empty(after.Notes);
    }

    [Fact]
    public async Task An_until_resolved_snooze_of_one_alert_ends_when_it_resolves()
    {
        var fired = await Evaluate(("sol", 9));
        var id = fired.Alerts[0].Id;
        var snoozes = _host.Get<SnoozeService>();
        await snoozes.AddAsync(SnoozeScope.Alert, id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, true, null);

        await Evaluate(("sol", 4));
        Assert.Single(await Outbox()); // only the LOW e-mail from before the snooze
        await Evaluate(("sol", 15));

        Assert.Empty(await snoozes.ActiveAsync());
        Assert.Equal(2, (await Outbox()).Count); // the resolve is always told
    }

    [Fact]
    public async Task After_a_call_no_other_alert_calls_during_phone_relax()
    {
        await Evaluate(("sol", 4));
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Engine.EvaluateAsync(Liquidation with { Name = "Other" }, [new Observation("btc", 3, "btc 3 %")], null, default);

        Assert.Contains("phone relax", Assert.Single(second.Notes), StringComparison.Ordinal);
        Assert.Equal(1, (await Outbox()).Count(r => r.Channel == "voice"));

        _host.Time.Advance(TimeSpan.FromMinutes(11));
        await Engine.EvaluateAsync(Liquidation with { Name = "Third" }, [new Observation("eth", 3, "eth 3 %")], null, default);
        Assert.Equal(2, (await Outbox()).Count(r => r.Channel == "voice"));
    }

    [Fact]
    public async Task An_unacknowledged_high_alert_calls_again_every_escalation_interval_until_acknowledged()
    {
        var fired = await Evaluate(("sol", 4));
        _host.Time.Advance(TimeSpan.FromMinutes(9));
        await Evaluate(("sol", 4));
        Assert.Equal(1, (await Outbox()).Count(r => r.Channel == "voice"));

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await Evaluate(("sol", 4));
        var repeat = (await Outbox())[^1];
        Assert.Equal("voice", repeat.Channel);
        Assert.Contains("not acknowledged", repeat.Body, StringComparison.Ordinal);

        Assert.True(await _host.Get<IAlertStore>().AcknowledgeAsync(fired.Alerts[0].Id, _host.Time.GetUtcNow(), default));
        Assert.False(await _host.Get<IAlertStore>().AcknowledgeAsync(fired.Alerts[0].Id, _host.Time.GetUtcNow(), default));
        _host.Time.Advance(TimeSpan.FromMinutes(30));
        await Evaluate(("sol", 4));
        Assert.Equal(2, (await Outbox()).Count(r => r.Channel == "voice"));
    }

    [Fact]
    public async Task Alert_state_survives_a_restart()
    {
        await Evaluate(("sol", 9));
        await _host.RestartAsync();

        var outcome = await Evaluate(("sol", 9));

        Assert.Empty(outcome.NotificationIds);
        Assert.Equal(AlertLevel.Low, outcome.HighestLevel);
        Assert.Single(await _host.Get<IAlertStore>().ListAsync(false, 10, default));
    }

    [Fact]
    public async Task De_escalation_updates_without_a_notification_and_counts_show_in_the_snapshot()
    {
        await Evaluate(("sol", 4));
        var down = await Evaluate(("sol", 7));

        Assert.Equal(AlertLevel.Medium, down.HighestLevel);
        Assert.Empty(down.NotificationIds);
        var snapshot = await _host.Host.Operations.Status.GetAsync(default);
        Assert.Equal(1, snapshot.FiringAlerts["MEDIUM"]);
        Assert.Equal(0, snapshot.FiringAlerts["HIGH"]);
    }
}
