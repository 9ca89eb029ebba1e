using System.Text.Json.Serialization;

namespace MonitorCore.Alerts;

public enum SnoozeScope
{
    /// <summary>Every alert.</summary>
    [JsonStringEnumMemberName("GLOBAL")]
    Global,

    /// <summary>The alerts of one monitor.</summary>
    [JsonStringEnumMemberName("MONITOR")]
    Monitor,

    /// <summary>One alert.</summary>
    [JsonStringEnumMemberName("ALERT")]
    Alert,
}

/// <summary>
/// A snooze: sends stop for its scope until <see cref="Until"/> (or until the alert resolves);
/// evaluation and the ledger go on. Kept in <c>system_vars</c> (<c>snoozes</c>).
/// </summary>
public sealed record Snooze(
    string Id,
    SnoozeScope Scope,
    string? Target,
    DateTimeOffset CreatedAt,
    DateTimeOffset? Until,
    bool UntilResolved,
    string? Reason)
{
    public bool IsActive(DateTimeOffset now) => Until is null ? UntilResolved : Until > now;

    public bool Covers(string monitor, long alertId) => Scope switch
    {
        SnoozeScope.Global => true,
        SnoozeScope.Monitor => string.Equals(Target, monitor, StringComparison.Ordinal),
        _ => string.Equals(Target, alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
    };

    /// <summary>Seconds left, or null for "until resolved".</summary>
    public double? SecondsLeft(DateTimeOffset now) => Until is { } until ? Math.Max(0, Math.Round((until - now).TotalSeconds, 1)) : null;

    /// <summary>How it reads: "global", "monitor liquid_monitor", "alert 12".</summary>
    public string Describe() => Scope switch
    {
        SnoozeScope.Global => "global",
        SnoozeScope.Monitor => $"monitor {Target}",
        _ => $"alert {Target}",
    };
}
