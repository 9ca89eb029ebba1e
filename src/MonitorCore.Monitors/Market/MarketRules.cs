using MonitorCore.Alerts;

namespace MonitorCore.Monitors.Market;

/// <summary>
/// The market monitor's two alert rules, both ABOVE on a percentage that is positive in the watched
/// direction. <c>PriceMove</c> (subject <c>SOL:1h</c>): the move over a window as
/// <see cref="MarketMath.Directed"/> gives it. <c>PriceAnchor</c> (subject <c>SOL</c>): the size of the
/// move from the anchor. Levels: one threshold (or delta) is LOW, <c>MediumMultiplier</c> of it MEDIUM,
/// <c>HighMultiplier</c> of it HIGH (2× and 3× by default). Channels come from the options: by default
/// LOW and MEDIUM go to the ledger only and HIGH by e-mail, so the market never rings a phone at night.
/// </summary>
internal static class MarketRules
{
    public const string PriceMove = "PriceMove";
    public const string PriceAnchor = "PriceAnchor";

    /// <summary>The rule <paramref name="name"/> with its lines at <paramref name="threshold"/> and its multiples.</summary>
    public static AlertRule Build(string name, double threshold, MarketMonitorOptions options, AlertingOptions alerting) => new()
    {
        Name = name,
        Monitor = MarketMonitor.Name,
        Condition = ThresholdCondition.Above,
        Low = threshold,
        Medium = threshold * options.MediumMultiplier,
        High = threshold * options.HighMultiplier,
        Hysteresis = alerting.Hysteresis,
        NotifyOnResolve = alerting.NotifyOnResolve,
        EscalationInterval = alerting.EscalationInterval,
        Channels = options.Channels(),
    };

    /// <summary>The same rule with this subject's own threshold (a window's threshold, an asset's delta).</summary>
    public static AlertRule At(AlertRule rule, double threshold, MarketMonitorOptions options) =>
        rule with { Low = threshold, Medium = threshold * options.MediumMultiplier, High = threshold * options.HighMultiplier };
}
