using System.Text.Json.Serialization;

namespace MonitorCore.Alerts;

public enum ThresholdCondition
{
    [JsonStringEnumMemberName("ABOVE")]
    Above,
    [JsonStringEnumMemberName("BELOW")]
    Below,
}

/// <summary>
/// A threshold triple for one metric (a row of <c>alert_thresholds</c>). Crossing <see cref="Low"/>
/// gives level LOW, <see cref="Medium"/> MEDIUM, <see cref="High"/> HIGH. The notify lists name
/// channels per level (e.g. <c>sms,voice</c>); null means the level's default channels.
/// </summary>
public sealed record AlertThreshold
{
    public long Id { get; init; }
    public required string AlertType { get; init; }
    public required string AlertClass { get; init; }
    public required string MetricKey { get; init; }
    public required ThresholdCondition Condition { get; init; }
    public required double Low { get; init; }
    public required double Medium { get; init; }
    public required double High { get; init; }
    public bool Enabled { get; init; } = true;
    public string? LowNotify { get; init; }
    public string? MediumNotify { get; init; }
    public string? HighNotify { get; init; }

    /// <summary>
    /// Types whose metric is negative and whose triple is given as magnitudes (travel −60 % breaches
    /// a low of 50): their triple ascends whatever the condition.
    /// </summary>
    public static readonly IReadOnlySet<string> MagnitudeTypes = new HashSet<string>(StringComparer.Ordinal) { "TravelPercent" };

    /// <summary>Says which rule a threshold breaks; null when it is valid.</summary>
    public static string? Problem(AlertThreshold t)
    {
        if (string.IsNullOrWhiteSpace(t.AlertType) || string.IsNullOrWhiteSpace(t.AlertClass))
        {
            return "alert_type and alert_class must not be empty";
        }

        if (!double.IsFinite(t.Low) || !double.IsFinite(t.Medium) || !double.IsFinite(t.High))
        {
            return $"{t.AlertType}/{t.AlertClass}: low, medium and high must be finite numbers";
        }

        var ascending = t.Condition == ThresholdCondition.Above || MagnitudeTypes.Contains(t.AlertType);
        if (ascending && !(t.Low <= t.Medium && t.Medium <= t.High))
        {
            var why = t.Condition == ThresholdCondition.Above ? "ABOVE" : "BELOW by magnitude";
            return $"{t.AlertType}/{t.AlertClass} ({why}) needs low ≤ medium ≤ high, got {t.Low} / {t.Medium} / {t.High}";
        }

        if (!ascending && !(t.Low >= t.Medium && t.Medium >= t.High))
        {
            return $"{t.AlertType}/{t.AlertClass} (BELOW) needs low ≥ medium ≥ high, got {t.Low} / {t.Medium} / {t.High}";
        }

        return null;
    }
}
