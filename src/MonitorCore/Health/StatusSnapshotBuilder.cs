using MonitorCore.Alerts;
using MonitorCore.Heartbeat;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Health;

/// <summary>
/// The spec's <c>get_status_snapshot</c>: the health of every registered monitor from its newest ledger
/// row, the cycle's timing, the snoozes in force and the alerts firing. Reads the newest row per
/// monitor through the ledger's (monitor, timestamp) index; never scans the ledger.
/// </summary>
public sealed class StatusSnapshotBuilder(
    MonitorRegistry registry,
    IMonitorLedger ledger,
    IHeartbeatStore heartbeats,
    IMonitorIntervals intervals,
    ExpectedIntervals expected,
    MarketMode mode,
    SnoozeService snoozes,
    IAlertStore alerts,
    TimeProvider time)
{
    public async Task<StatusSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var names = registry.All.Select(r => r.Name).ToList();
        var latest = await ledger.GetLatestAsync(names, cancellationToken, now);
        var sonic = await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken);
        var interval = expected.Compute(await intervals.GetOverridesAsync(cancellationToken), sonic);

        var monitors = names.Select(name =>
        {
            latest.TryGetValue(name, out var newest);
            var every = interval[name];
            return new MonitorStatusEntry(
                name,
                HealthRules.Evaluate(newest, every, now),
                newest?.Status,
                newest?.Timestamp,
                newest is null ? null : Math.Round(HealthRules.Age(newest, now).TotalSeconds, 3),
                every.TotalSeconds,
                newest?.Metadata);
        }).ToList();

        double? sonicNext = sonic?.LastRun is { } lastRun
            ? Math.Max(0, Math.Round((lastRun + sonic.Interval - now).TotalSeconds, 3))
            : null;
        var lastComplete = await ledger.GetLatestWithStatusAsync(
            Heartbeats.Sonic, [MonitorStatus.Success, MonitorStatus.Warning], cancellationToken);

        var active = await snoozes.ActiveAsync(cancellationToken);
        var firing = await alerts.CountFiringAsync(cancellationToken);
        return new StatusSnapshot(now, monitors, sonicNext, lastComplete?.Timestamp)
        {
            Mode = mode.Label,
            Snoozes = [.. active.Select(s => new SnoozeStatus(s.Id, s.Scope, s.Target, s.SecondsLeft(now), s.UntilResolved, s.Reason))],
            FiringAlerts = firing.ToDictionary(p => p.Key.Word(), p => p.Value),
        };
    }
}
