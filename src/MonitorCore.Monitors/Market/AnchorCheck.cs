using MonitorCore.Alerts;

namespace MonitorCore.Monitors.Market;

/// <summary>What one run did with an asset's anchor.</summary>
/// <param name="After">The anchor after the run (as reported).</param>
/// <param name="Observation">What the <c>PriceAnchor</c> rule is given; null for a disarmed anchor, which watches nothing.</param>
/// <param name="Move">The move from the anchor before the run, in percent; null when the anchor was just set or is disarmed.</param>
/// <param name="Before">The anchor before the run.</param>
/// <param name="Level">The level the move from the anchor reached when it crossed its delta (the anchor triggered); else null.</param>
/// <param name="Changed">The setting to store when the run set, moved or disarmed the anchor.</param>
internal sealed record AnchorCheck(EffectiveAnchor After, Observation? Observation, double? Move, EffectiveAnchor Before, AlertLevel? Level, AnchorSetting? Changed)
{
    /// <summary>
    /// Checks <paramref name="asset"/>'s anchor against <paramref name="price"/>. An anchor without a price is
    /// set to it (no trigger). An armed anchor triggers when the move from it reaches its delta (the
    /// <c>PriceAnchor</c> rule's low line, decided by <see cref="RuleEngine"/>), then re-arms by its mode.
    /// </summary>
    public static AnchorCheck Run(string asset, double price, MarketMonitorConfig config, MarketMonitorOptions options, AlertRule rule)
    {
        var anchor = MarketSettings.Anchor(config, asset, options);
        var stored = config.Anchors.GetValueOrDefault(asset) ?? new AnchorSetting();
        if (!anchor.Armed)
        {
            return new AnchorCheck(anchor, null, null, anchor, null, null);
        }

        rule = MarketRules.At(rule, anchor.DeltaPercent, options);
        if (anchor.Price is not { } at)
        {
            var set = anchor with { Price = price };
            return new AnchorCheck(set, new Observation(asset, 0, $"{asset} anchored at {price:G6}", rule), null, anchor, null, stored with { Price = price });
        }

        var move = MarketMath.Move(at, price);
        var observation = new Observation(
            asset, Math.Abs(move), $"{asset} {move:+0.##;-0.##} % from its anchor {at:G6} (delta {anchor.DeltaPercent:G} %, {Text(anchor.Mode)})", rule);
        if (RuleEngine.RawLevel(rule, Math.Abs(move)) is not { } level)
        {
            return new AnchorCheck(anchor, observation, move, anchor, null, null);
        }

        var changed = anchor.Mode switch
        {
            RearmMode.Ladder => stored with { Price = MarketMath.LadderStep(at, price, anchor.DeltaPercent) },
            RearmMode.Reset => stored with { Price = price },
            _ => stored with { Disarmed = true },
        };
        var after = anchor with { Price = changed.Price, Armed = !changed.Disarmed };
        return new AnchorCheck(after, observation, move, anchor, level, changed);
    }

    private static string Text(RearmMode mode) => mode.ToString().ToLowerInvariant();
}
