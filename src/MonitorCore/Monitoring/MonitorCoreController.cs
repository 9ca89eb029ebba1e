using MonitorCore.Alerts;
using MonitorCore.Health;
using MonitorCore.Heartbeat;
using MonitorCore.Ledger;

namespace MonitorCore.Monitoring;

/// <summary>
/// The spec's <c>MonitorCore</c>: runs monitors from the registry (all, in order, or one by name)
/// and builds the status snapshot from the newest ledger row per monitor.
/// </summary>
public sealed class MonitorCoreController(
    MonitorRegistry registry,
    MonitorRunner runner,
    IMonitorLedger ledger,
    IHeartbeatStore heartbeats,
    IMonitorIntervals intervals,
    MarketMode mode,
    SnoozeService snoozes,
    IAlertCounts alerts,
    TimeProvider time)
{
    public MonitorRegistry Registry => registry;

    /// <summary>Runs every registered monitor, one after another in registry order.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> RunAllAsync(string? cycleId, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>(registry.All.Count);
        foreach (var registration in registry.All)
        {
            entries.Add(await runner.RunAsync(registration, cycleId, cancellationToken));
        }

        return entries;
    }

    /// <summary>Runs one monitor; an unknown name throws <see cref="UnknownMonitorException"/>.</summary>
    public Task<LedgerEntry> RunByNameAsync(string name, string? cycleId, CancellationToken cancellationToken) =>
        runner.RunAsync(registry.Get(name), cycleId, cancellationToken);

    /// <summary>The expected interval of each monitor: cycle monitors follow the sonic interval, others their timer.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> GetExpectedIntervalsAsync(CancellationToken cancellationToken) =>
        ExpectedIntervals(
            await intervals.GetOverridesAsync(cancellationToken),
            await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken));

    private Dictionary<string, TimeSpan> ExpectedIntervals(IReadOnlyDictionary<string, TimeSpan> overrides, HeartbeatRow? sonic)
    {
        var cycleInterval = sonic?.Interval ?? Heartbeats.DefaultSonicInterval;
        return registry.All.ToDictionary(
            r => r.Name,
            r => r.InCycle ? cycleInterval : overrides.GetValueOrDefault(r.Name, r.Interval));
    }

    /// <summary>
    /// The health of every registered monitor. Reads the newest row per monitor through the
    /// ledger's (monitor, timestamp) index; never scans the ledger.
    /// </summary>
    public async Task<StatusSnapshot> GetStatusSnapshotAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var names = registry.All.Select(r => r.Name).ToList();
        var latest = await ledger.GetLatestAsync(names, cancellationToken);
        var sonic = await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken);
        var expected = ExpectedIntervals(await intervals.GetOverridesAsync(cancellationToken), sonic);

        var monitors = names.Select(name =>
        {
            latest.TryGetValue(name, out var newest);
            var interval = expected[name];
            return new MonitorStatusEntry(
                name,
                HealthRules.Evaluate(newest, interval, now),
                newest?.Status,
                newest?.Timestamp,
                newest is null ? null : Math.Round(HealthRules.Age(newest, now).TotalSeconds, 3),
                interval.TotalSeconds,
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
            Snoozes = [.. active.Select(s => new SnoozeStatus(s.Id, s.Scope.ToString().ToLowerInvariant(), s.Target, s.SecondsLeft(now), s.UntilResolved, s.Reason))],
            FiringAlerts = firing.ToDictionary(p => p.Key.ToString().ToUpperInvariant(), p => p.Value),
        };
    }
}
