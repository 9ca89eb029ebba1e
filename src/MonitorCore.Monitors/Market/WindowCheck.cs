using MonitorCore.Alerts;
using MonitorCore.Prices;

namespace MonitorCore.Monitors.Market;

/// <summary>What one run measured for one asset over one window.</summary>
/// <param name="Move">The move in percent; null when the history does not reach back (nothing is observed then).</param>
/// <param name="Observation">What the <c>PriceMove</c> rule is given (subject <c>SOL:1h</c>), for every measured window.</param>
/// <param name="Level">The level the move reached when it crossed the window's threshold in its direction; else null.</param>
internal sealed record WindowCheck(double? Move, Observation? Observation, AlertLevel? Level)
{
    /// <summary>
    /// Measures <paramref name="asset"/> over <paramref name="window"/> and decides, through <see cref="RuleEngine"/>,
    /// whether the move in the window's direction crossed its threshold.
    /// </summary>
    public static WindowCheck Run(
        string asset, IReadOnlyList<PriceQuote> history, DateTimeOffset now, EffectiveWindow window, AlertRule rule, MarketMonitorOptions options)
    {
        if (MarketMath.MoveOver(history, now, window.Span, options.MaxReferenceGap) is not { } move)
        {
            return new WindowCheck(null, null, null);
        }

        rule = MarketRules.At(rule, window.ThresholdPercent, options);
        var value = MarketMath.Directed(move, window.Direction);
        var observation = new Observation(
            $"{asset}:{window.Name}",
            value,
            $"{asset} {move:+0.##;-0.##} % in {window.Name} (threshold {window.ThresholdPercent:G} %, {window.Direction.ToString().ToLowerInvariant()})",
            rule);
        return new WindowCheck(move, observation, RuleEngine.RawLevel(rule, value));
    }
}
