using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Monitors.Liquidation;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// The lines <c>liquid_monitor</c> evaluates positions against right now: the default (the
/// <c>LiquidationDistance/Position</c> threshold, its high replaced by <c>ThresholdPercent</c> when set) and each
/// asset's own (<c>AssetThresholds</c>). <c>Lines</c> is null when the threshold is disabled, so nothing is evaluated.
/// </summary>
public sealed record LiquidationLinesView(
    bool Enabled, AlertLevel BreachLevel, LiquidationLines? Lines, IReadOnlyDictionary<string, LiquidationLines> Assets);

/// <summary>The liquidation monitor's settings as it applies them (docs/behaviour.md §5, liquid_monitor).</summary>
public sealed class LiquidationOperations(ThresholdRules rules, IOptionsMonitor<LiquidationMonitorOptions> options)
{
    public async Task<LiquidationLinesView> LinesAsync(CancellationToken cancellationToken)
    {
        var settings = options.Get(LiquidationLines.Monitor);
        var rule = await rules.GetAsync("LiquidationDistance", "Position", LiquidationLines.Monitor, cancellationToken);
        if (rule is null)
        {
            return new LiquidationLinesView(settings.Enabled, settings.Level, null, new Dictionary<string, LiquidationLines>());
        }

        return new LiquidationLinesView(
            settings.Enabled,
            settings.Level,
            LiquidationLines.Of(rule.Low, rule.Medium, settings.ThresholdPercent ?? rule.High),
            settings.AssetThresholds.ToDictionary(a => a.Key.ToUpperInvariant(), a => LiquidationLines.Of(rule.Low, rule.Medium, a.Value), StringComparer.Ordinal));
    }
}
