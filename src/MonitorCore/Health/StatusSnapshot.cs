using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Health;

/// <summary>The health of every registered monitor, for dashboards, the CLI and <c>GET /status</c>.</summary>
/// <param name="GeneratedAt">When the snapshot was built.</param>
/// <param name="Monitors">One entry per registered monitor, in registry order.</param>
/// <param name="SonicNext">Seconds until the next sonic cycle is due; null when no cycle ever ran.</param>
/// <param name="SonicLastComplete">Time of the newest successful sonic cycle; null when none.</param>
public sealed record StatusSnapshot(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<MonitorStatusEntry> Monitors,
    double? SonicNext,
    DateTimeOffset? SonicLastComplete)
{
    /// <summary><c>live</c>, or <c>demo</c> when the stored market data is the demo market's (the data says, not the reader's flag).</summary>
    public string Mode { get; init; } = "live";

    /// <summary>The snoozes in force, with the seconds they have left (null: until the alert resolves).</summary>
    public IReadOnlyList<SnoozeStatus> Snoozes { get; init; } = [];

    /// <summary>
    /// Which instance runs the cycle (several may share a PostgreSQL database), since when, and whether it looks
    /// stopped; null when no instance holds the lease (no <c>serve</c> runs, or the last one stopped cleanly).
    /// </summary>
    public Leases.CycleLeader? Leader { get; init; }

    /// <summary>How many alerts fire at each level.</summary>
    public IReadOnlyDictionary<string, int> FiringAlerts { get; init; } = new Dictionary<string, int>();

    /// <summary>The worst health of any monitor: what a single badge or a readiness probe shows.</summary>
    public MonitorHealth Overall => Monitors.Count == 0 ? MonitorHealth.Healthy : Monitors.Max(m => m.Health);
}

/// <summary>One monitor's line in the snapshot.</summary>
public sealed record MonitorStatusEntry(
    string Name,
    MonitorHealth Health,
    MonitorStatus? LastStatus,
    DateTimeOffset? LastRun,
    double? AgeSeconds,
    double IntervalSeconds,
    JsonObject? LastMetadata);

/// <summary>A snooze as the snapshot shows it.</summary>
public sealed record SnoozeStatus(string Id, Alerts.SnoozeScope Scope, string? Target, double? SecondsLeft, bool UntilResolved, string? Reason);
