namespace MonitorCore.Monitors.Market;

/// <summary>A window as one run uses it: its span, threshold and direction.</summary>
internal sealed record EffectiveWindow(string Name, TimeSpan Span, double ThresholdPercent, MoveDirection Direction);

/// <summary>An asset's anchor as one run uses it; <see cref="Price"/> null until the first price is seen.</summary>
internal sealed record EffectiveAnchor(double? Price, double DeltaPercent, RearmMode Mode, bool Armed);

/// <summary>The stored config over the options: what the user set wins, the options fill the rest.</summary>
internal static class MarketSettings
{
    public static IReadOnlyList<EffectiveWindow> Windows(MarketMonitorConfig config, MarketMonitorOptions options) =>
    [
        .. MarketMonitorConfig.KnownWindows.Select(known =>
            config.Windows.FirstOrDefault(w => w.Window == known.Name) is { } set
                ? new EffectiveWindow(known.Name, known.Span, set.ThresholdPercent, set.Direction)
                : new EffectiveWindow(known.Name, known.Span, options.ThresholdPercent, options.Direction)),
    ];

    public static EffectiveAnchor Anchor(MarketMonitorConfig config, string asset, MarketMonitorOptions options)
    {
        var set = config.Anchors.GetValueOrDefault(asset);
        return new EffectiveAnchor(
            set?.Price,
            set?.DeltaPercent ?? options.AnchorDeltaPercent,
            set?.Mode ?? options.AnchorMode,
            set?.Disarmed != true);
    }
}
