using System.ComponentModel.DataAnnotations;
using MonitorCore.Alerts;
using MonitorCore.Notifications;

namespace MonitorCore.Monitors.Market;

/// <summary>
/// The <c>Monitors:market_monitor</c> section: the defaults of what <see cref="MarketMonitorConfig"/>
/// (<c>system_vars</c> <c>market_monitor_config</c>) does not set, the levels and who is told. The
/// stored config wins over these (runtime settings before the config file).
/// </summary>
public sealed class MarketMonitorOptions : IValidatableObject
{
    /// <summary>A move of at least this many percent over a window triggers (every window the stored config does not set).</summary>
    [Range(0.001, 1000.0)]
    public double ThresholdPercent { get; set; } = 2;

    /// <summary>Which moves count, for every window the stored config does not set.</summary>
    [EnumDataType(typeof(MoveDirection))]
    public MoveDirection Direction { get; set; } = MoveDirection.Both;

    /// <summary>An asset triggers when its price is this many percent from its anchor (assets the stored config does not set).</summary>
    [Range(0.001, 99.999)]
    public double AnchorDeltaPercent { get; set; } = 5;

    /// <summary>What an anchor does after it triggers (assets the stored config does not set).</summary>
    [EnumDataType(typeof(RearmMode))]
    public RearmMode AnchorMode { get; set; } = RearmMode.Ladder;

    /// <summary>A move of this many thresholds is MEDIUM (one threshold is LOW).</summary>
    [Range(1.0, 100.0)]
    public double MediumMultiplier { get; set; } = 2;

    /// <summary>A move of this many thresholds is HIGH.</summary>
    [Range(1.0, 100.0)]
    public double HighMultiplier { get; set; } = 3;

    /// <summary>
    /// How long before the start of a window the price it is measured from may be. A window whose
    /// newest price before its start is older than this (a gap in the history) is reported as null.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxReferenceGap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Channels of a LOW alert, comma-separated; <c>none</c> (the default) records it in the ledger only.</summary>
    public string LowNotify { get; set; } = "none";

    /// <summary>Channels of a MEDIUM alert; <c>none</c> by default: the market does not wake anyone at night.</summary>
    public string MediumNotify { get; set; } = "none";

    /// <summary>Channels of a HIGH alert; <c>email</c> by default.</summary>
    public string HighNotify { get; set; } = ChannelNames.Email;

    /// <summary>The channels of each level, as the alert rules carry them.</summary>
    public IReadOnlyDictionary<AlertLevel, IReadOnlyList<string>> Channels() => new Dictionary<AlertLevel, IReadOnlyList<string>>
    {
        [AlertLevel.Low] = ChannelList(LowNotify),
        [AlertLevel.Medium] = ChannelList(MediumNotify),
        [AlertLevel.High] = ChannelList(HighNotify),
    };

    /// <summary><c>sms, voice</c> → [sms, voice]; empty or <c>none</c> → no channel.</summary>
    public static IReadOnlyList<string> ChannelList(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant())
            .Where(c => c != "none")
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Data-annotation hook: MEDIUM not above HIGH (the channel names are checked against the registered channels by <see cref="MarketChannelsValidator"/>).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MediumMultiplier > HighMultiplier)
        {
            yield return new ValidationResult($"needs MediumMultiplier ≤ HighMultiplier, got {MediumMultiplier} / {HighMultiplier}", [nameof(HighMultiplier)]);
        }
    }
}
