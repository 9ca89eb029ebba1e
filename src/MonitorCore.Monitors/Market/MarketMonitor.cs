using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Monitoring;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Market;

/// <summary>
/// <c>market_monitor</c>: for every asset in the price history, the % move over 1h, 6h and 24h (null
/// when the history does not reach back), its anchor (set at the first price seen, re-armed by
/// <c>ladder</c>, <c>reset</c> or <c>single</c>) and its blast radius; ACTIVE positions whose
/// liquidation distance is inside their asset's blast radius are flagged. Every threshold decision
/// goes through the rule engine (<see cref="MarketRules"/>). Settings: <see cref="MarketMonitorConfig"/>
/// in <c>system_vars</c> over <see cref="MarketMonitorOptions"/>.
/// <para>Success when it evaluated; Warning when no window of any asset could be measured; Skipped
/// when no price is stored; Error when the stored config is not valid.</para>
/// </summary>
internal sealed class MarketMonitor(
    IPriceStore prices,
    IPositionStore positions,
    SystemVars systemVars,
    IAlertEngine alerts,
    IOptionsSnapshot<MarketMonitorOptions> options,
    IOptionsMonitor<AlertingOptions> alerting,
    MarketMode mode,
    TimeProvider time) : IMonitor
{
    public const string Name = MarketMonitorConfig.Monitor;

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        MarketMonitorConfig config;
        try
        {
            config = await systemVars.GetAsync(MarketMonitorConfig.Key, cancellationToken) ?? new MarketMonitorConfig();
        }
        catch (SystemVarFormatException ex)
        {
            return MonitorResult.Error(ex.Message);
        }

        if (config.Problems() is { Count: > 0 } problems)
        {
            return MonitorResult.Error(
                $"{MarketMonitorConfig.Key.Name} is not valid: {string.Join("; ", problems)}",
                new JsonObject { ["problems"] = new JsonArray([.. problems.Select(p => JsonValue.Create(p))]) });
        }

        var latest = await prices.GetLatestAllAsync(cancellationToken);
        if (latest.Count == 0)
        {
            return MonitorResult.Skipped("no prices stored yet: price_monitor stores them", new JsonObject { ["mode"] = mode.Label });
        }

        var now = time.GetUtcNow();
        var windows = MarketSettings.Windows(config, settings);
        var since = now - MarketMath.Day - settings.MaxReferenceGap; // the longest window, and the blast radius's day
        var moveRule = MarketRules.Build(MarketRules.PriceMove, settings.ThresholdPercent, settings, alerting.CurrentValue);
        var anchorRule = MarketRules.Build(MarketRules.PriceAnchor, settings.AnchorDeltaPercent, settings, alerting.CurrentValue);

        var report = new MarketReport();
        var moveObservations = new List<Observation>();
        var anchorObservations = new List<Observation>();
        var changedAnchors = new Dictionary<string, AnchorSetting>(StringComparer.Ordinal);
        var radius = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (asset, quote) in latest)
        {
            var history = await prices.GetHistoryAsync(asset, since, cancellationToken);
            var moves = new JsonObject();
            foreach (var window in windows)
            {
                var check = WindowCheck.Run(asset, history, now, window, moveRule, settings);
                moves[window.Name] = MarketReport.Round(check.Move);
                if (check.Observation is { } observed)
                {
                    report.Measured++;
                    moveObservations.Add(observed);
                }

                if (check is { Move: { } move, Level: { } level })
                {
                    report.Trigger(asset, window.Name, move, window.ThresholdPercent, level);
                }
            }

            report.Moves[asset] = moves;
            if (MarketMath.BlastRadius(history, now) is { } blast)
            {
                radius[asset] = blast.Percent;
                report.BlastRadius[asset] = MarketReport.Round(blast.Percent);
                report.BlastSource[asset] = blast.Source;
            }

            var anchor = AnchorCheck.Run(asset, quote.CurrentPrice, config, settings, anchorRule);
            report.Anchor(asset, anchor);
            if (anchor.Observation is { } observation)
            {
                anchorObservations.Add(observation);
            }

            if (anchor.Changed is { } changed)
            {
                changedAnchors[asset] = changed;
            }
        }

        var moveOutcome = await alerts.EvaluateAsync(moveRule, moveObservations, context.CycleId, cancellationToken);
        var anchorOutcome = await alerts.EvaluateAsync(anchorRule, anchorObservations, context.CycleId, cancellationToken);
        await SaveAnchorsAsync(config, changedAnchors, cancellationToken);

        var active = await positions.ListAsync(PositionStatus.Active, cancellationToken);
        report.Flag(active.Where(p => p.LiquidationPrice > 0 && radius.TryGetValue(p.AssetType, out var r) && p.LiquidationDistancePct <= r), radius);
        var metadata = report.ToJson(moveOutcome, anchorOutcome);
        metadata["mode"] = mode.Label;
        return report.Measured == 0
            ? MonitorResult.Warning(
                $"history too short for every window of every asset (the shortest window is {windows[0].Name}): moves are null until it reaches back",
                metadata)
            : MonitorResult.Success(metadata);
    }

    /// <summary>
    /// Writes back the anchors this run set, moved or disarmed, over the config as stored now: an anchor
    /// the user changed while the run went on keeps the user's value.
    /// </summary>
    private async Task SaveAnchorsAsync(MarketMonitorConfig read, Dictionary<string, AnchorSetting> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var current = await systemVars.GetAsync(MarketMonitorConfig.Key, cancellationToken) ?? new MarketMonitorConfig();
        foreach (var (asset, anchor) in changed)
        {
            if (current.Anchors.GetValueOrDefault(asset) == read.Anchors.GetValueOrDefault(asset))
            {
                current = current.WithAnchor(asset, anchor);
            }
        }

        await systemVars.SetAsync(MarketMonitorConfig.Key, current, cancellationToken);
    }
}
