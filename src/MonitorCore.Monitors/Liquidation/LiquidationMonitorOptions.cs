using System.ComponentModel.DataAnnotations;
using MonitorCore.Alerts;

namespace MonitorCore.Monitors.Liquidation;

/// <summary>
/// The <c>Monitors:liquid_monitor</c> section; the spec's <c>LIQ_MON_*</c> environment names map here
/// (THRESHOLD_PERCENT, SNOOZE_SECONDS, LEVEL, ENABLED, SMS_ALERT, VOICE_ALERT, WINDOWS_ALERT → SoundAlert).
/// </summary>
public sealed class LiquidationMonitorOptions
{
    /// <summary>The breach line in percent of the price (the triple's <c>high</c>); when unset, the stored threshold's high (5).</summary>
    [Range(0.01, 100.0)]
    public double? ThresholdPercent { get; set; }

    /// <summary>Per-asset breach lines, e.g. <c>SOL: 4</c>.</summary>
    public Dictionary<string, double> AssetThresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The level a breach fires at (<c>LIQ_MON_LEVEL</c>).</summary>
    public AlertLevel Level { get; set; } = AlertLevel.High;

    /// <summary>When false the monitor records Disabled (<c>LIQ_MON_ENABLED</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an unacknowledged breach calls again, in seconds (<c>LIQ_MON_SNOOZE_SECONDS</c>, named so by the spec though it is no snooze); the alerting escalation interval when unset.</summary>
    [Range(10, 86_400)]
    public int? EscalationSeconds { get; set; }

    /// <summary>A breach sends an SMS (<c>LIQ_MON_SMS_ALERT</c>).</summary>
    public bool SmsAlert { get; set; } = true;

    /// <summary>A breach places a call (<c>LIQ_MON_VOICE_ALERT</c>).</summary>
    public bool VoiceAlert { get; set; } = true;

    /// <summary>A breach plays the sound (<c>LIQ_MON_WINDOWS_ALERT</c>).</summary>
    public bool SoundAlert { get; set; } = true;
}
