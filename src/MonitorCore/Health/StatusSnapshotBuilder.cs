using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Heartbeat;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Health;

/// <summary>
/// The spec's <c>get_status_snapshot</c>: the health of every registered monitor from its newest ledger
/// row, the cycle's timing, the snoozes in force and the alerts firing. Reads the newest row per
/// monitor through the ledger's (monitor, timestamp) index; never scans the ledger. The mode (live or demo) is the
/// data's (<see cref="DataMode"/>), not the reader's.
/// <para>
/// <see cref="GetAsync"/> keeps what it read (the newest rows, the cycle's heartbeat, the interval overrides, the
/// snoozes, the firing counts) and reads it again only when the database's <see cref="DataVersion"/> (the newest
/// ledger row and event, of any process) or the timer file changed, or the read is <see cref="MaxAge"/> old; what
/// depends on the clock (health, ages, the next cycle, the snoozes' time left) is worked out at every call. So a
/// snapshot costs one small query while nothing happens, and shows a run, a cycle, an alert or a snooze of any
/// instance at once.
/// </para>
/// </summary>
public sealed class StatusSnapshotBuilder(
    MonitorRegistry registry,
    IMonitorLedger ledger,
    IHeartbeatStore heartbeats,
    IMonitorIntervals intervals,
    ExpectedIntervals expected,
    MarketMode mode,
    DataMode dataMode,
    SnoozeService snoozes,
    IAlertStore alerts,
    IDataVersion versions,
    Leases.ILeaseStore leases,
    TimeProvider time)
{
    /// <summary>
    /// How long a read is used at most: what a change made outside the ledger and the event log (a row written
    /// straight into the database, a row from the future coming of age) waits at most to show.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private Inputs? _cached;

    /// <summary>The snapshot now, from what was last read while it is current (see the class).</summary>
    public async Task<StatusSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stamp = (await versions.ReadAsync(cancellationToken), intervals.ChangeStamp);
        var cached = Volatile.Read(ref _cached);
        if (cached is null || cached.Stamp != stamp || now - cached.ReadAt >= MaxAge || now < cached.ReadAt)
        {
            cached = await ReadAsync(stamp, now, cancellationToken);
            Volatile.Write(ref _cached, cached);
        }

        return Compose(cached, now);
    }

    /// <summary>The snapshot read afresh from the database.</summary>
    public async Task<StatusSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Compose(await ReadAsync(default, now, cancellationToken), now);
    }

    private async Task<Inputs> ReadAsync((DataVersion, long) stamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = registry.All.Select(r => r.Name).ToList();
        var latest = await ledger.GetLatestAsync(names, cancellationToken, now);
        var sonic = await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken);
        var interval = expected.Compute(await intervals.GetOverridesAsync(cancellationToken), sonic);
        var lastComplete = await ledger.GetLatestWithStatusAsync(
            Heartbeats.Sonic, [MonitorStatus.Success, MonitorStatus.Warning], cancellationToken);
        var active = await snoozes.ActiveAsync(cancellationToken);
        var firing = await alerts.CountFiringAsync(cancellationToken);
        foreach (var row in latest.Values)
        {
            Materialize(row.Metadata); // read by every request at once from now on: no lazy parsing left inside
        }

        return new Inputs(stamp, now, names, latest, sonic, interval, lastComplete?.Timestamp, active,
            firing.ToDictionary(p => p.Key.Word(), p => p.Value), await dataMode.ReadAsync(cancellationToken),
            await leases.GetAsync(Leases.SchedulerLease.Name, cancellationToken));
    }

    private StatusSnapshot Compose(Inputs inputs, DateTimeOffset now)
    {
        var monitors = inputs.Names.Select(name =>
        {
            inputs.Latest.TryGetValue(name, out var newest);
            var every = inputs.Intervals[name];
            return new MonitorStatusEntry(
                name,
                HealthRules.Evaluate(newest, every, now),
                newest?.Status,
                newest?.Timestamp,
                newest is null ? null : Math.Round(HealthRules.Age(newest, now).TotalSeconds, 3),
                every.TotalSeconds,
                newest?.Metadata);
        }).ToList();

        double? sonicNext = inputs.Sonic?.LastRun is { } lastRun
            ? Math.Max(0, Math.Round((lastRun + inputs.Sonic.Interval - now).TotalSeconds, 3))
            : null;
        return new StatusSnapshot(now, monitors, sonicNext, inputs.SonicLastComplete)
        {
            Mode = inputs.DataMode ?? mode.Label,
            Leader = Leases.CycleLeader.From(inputs.Lease, now),
            Snoozes = [.. inputs.Snoozes.Where(s => s.IsActive(now)).Select(s => new SnoozeStatus(s.Id, s.Scope, s.Target, s.SecondsLeft(now), s.UntilResolved, s.Reason))],
            FiringAlerts = inputs.Firing,
        };
    }

    /// <summary>Builds every object and array of a parsed document now (JsonNode builds them on first access, not thread-safely).</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Materialize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Materialize(child);
                }

                break;
        }
    }

    private sealed record Inputs(
        (DataVersion Data, long Timers) Stamp,
        DateTimeOffset ReadAt,
        IReadOnlyList<string> Names,
        IReadOnlyDictionary<string, LedgerEntry> Latest,
        HeartbeatRow? Sonic,
        IReadOnlyDictionary<string, TimeSpan> Intervals,
        DateTimeOffset? SonicLastComplete,
        IReadOnlyList<Snooze> Snoozes,
        IReadOnlyDictionary<string, int> Firing,
        string? DataMode,
        Leases.LeaseHolder? Lease);
}
