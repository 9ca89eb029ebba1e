using System.Text.Json.Serialization;

namespace MonitorCore.Alerts;

public enum AlertState
{
    [JsonStringEnumMemberName("FIRING")]
    Firing,
    [JsonStringEnumMemberName("RESOLVED")]
    Resolved,
}

/// <summary>
/// One alert: a rule firing for one subject (a position, the portfolio, an asset). There is at most one
/// FIRING alert per (rule, subject); a level change updates it; a resolve closes it, and a later breach
/// opens a new one. Stored in <c>alerts</c>, so it survives a restart.
/// </summary>
public sealed record Alert
{
    public long Id { get; init; }
    public required string Rule { get; init; }
    public required string Subject { get; init; }
    public required string Monitor { get; init; }
    public required AlertLevel Level { get; init; }

    /// <summary>The highest level the alert reached; its resolve is told where that level was told (without calls or sounds).</summary>
    public AlertLevel PeakLevel { get; init; }
    public AlertState State { get; init; } = AlertState.Firing;
    public required double Value { get; init; }
    public required double Threshold { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public required DateTimeOffset LastChanged { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? LastNotifiedAt { get; init; }
    public int NotifyCount { get; init; }
}
