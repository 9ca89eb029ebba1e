using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Evaluation;
using MonitorCore.Positions;

namespace MonitorCore.Monitors.Liquidation;

/// <summary>
/// <c>liquid_monitor</c>: each ACTIVE position's liquidation distance (percent of the price) against the
/// <c>LiquidationDistance/Position</c> triple (BELOW). Its <c>high</c> is the breach line: the
/// configured <c>ThresholdPercent</c>, or the asset's own line; a breach fires at the configured level;
/// <c>low</c> and <c>medium</c> give earlier warnings. One alert per position.
/// </summary>
internal sealed class LiquidationMonitor(
    IPositionStore positions,
    ThresholdRules rules,
    IAlertEngine engine,
    IOptionsSnapshot<LiquidationMonitorOptions> options) : IMonitor
{
    public const string Name = LiquidationLines.Monitor;

    /// <summary>Up to this many positions, the ledger row lists every one; beyond it only those inside their warning line.</summary>
    public const int AllDetailsUpTo = 50;

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        if (!settings.Enabled)
        {
            return MonitorResult.Disabled($"{MonitorServiceCollectionExtensions.SectionOf(context.Name)}:Enabled (LIQ_MON_ENABLED) is false");
        }

        var baseRule = await rules.GetAsync("LiquidationDistance", "Position", Name, cancellationToken);
        var active = await positions.ListAsync(PositionStatus.Active, cancellationToken);
        if (baseRule is null)
        {
            var off = await ThresholdRules.EvaluateAsync(engine, null, "LiquidationDistance", Name, [], context.CycleId, cancellationToken);
            var disabled = new JsonObject { ["total_checked"] = 0, ["danger_count"] = 0, ["details"] = new JsonArray() };
            EvaluationMetadata.Add(disabled, off);
            return MonitorResult.Skipped("the LiquidationDistance/Position threshold is disabled", disabled);
        }

        var rule = Configure(baseRule, settings.ThresholdPercent ?? baseRule.High, settings);
        var assetRules = settings.AssetThresholds.ToDictionary(a => a.Key, a => Configure(baseRule, a.Value, settings), StringComparer.OrdinalIgnoreCase);
        var details = new JsonArray();
        var observations = new List<Observation>(active.Count);
        foreach (var p in active)
        {
            var own = assetRules.GetValueOrDefault(p.AssetType, rule);
            var breach = p.LiquidationDistancePct <= own.High;
            // A large book: the ledger row keeps the positions inside their warning line, not 100,000 safe ones.
            if (active.Count <= AllDetailsUpTo || p.LiquidationDistancePct <= own.Low)
            {
                details.Add(new JsonObject
                {
                    ["position_id"] = p.Id,
                    ["asset"] = p.AssetType,
                    ["distance_pct"] = Math.Round(p.LiquidationDistancePct, 2),
                    ["threshold"] = own.High,
                    ["breach"] = breach,
                });
            }

            observations.Add(new Observation(
                p.Id,
                p.LiquidationDistancePct,
                $"{EvaluationMetadata.Describe(p)} {p.LiquidationDistancePct:0.0#} % from liquidation (price {p.CurrentPrice:0.####}, liquidation {p.LiquidationPrice:0.####})",
                ReferenceEquals(own, rule) ? null : own));
        }

        var outcome = await engine.EvaluateAsync(rule, observations, context.CycleId, cancellationToken);
        var metadata = new JsonObject
        {
            ["total_checked"] = active.Count,
            ["danger_count"] = observations.Count(o => o.Value <= (o.Thresholds ?? rule).High),
            ["details"] = details,
            ["details_complete"] = details.Count == active.Count,
            ["threshold_percent"] = rule.High,
        };
        EvaluationMetadata.Add(metadata, outcome);
        return MonitorResult.Success(metadata);
    }

    /// <summary>
    /// The triple with <paramref name="breachLine"/> as its high; low and medium are raised when needed
    /// so that the BELOW order (low ≥ medium ≥ high) holds. A breach's channels follow the SMS, voice
    /// and sound switches.
    /// </summary>
    internal static AlertRule Configure(AlertRule rule, double breachLine, LiquidationMonitorOptions settings)
    {
        var lines = LiquidationLines.Of(rule.Low, rule.Medium, breachLine);
        var high = rule.ChannelsFor(AlertLevel.High).Where(c =>
            (c != "sms" || settings.SmsAlert) && (c != "voice" || settings.VoiceAlert) && (c != "sound" || settings.SoundAlert)).ToList();
        var channels = new Dictionary<AlertLevel, IReadOnlyList<string>>
        {
            [AlertLevel.Low] = rule.ChannelsFor(AlertLevel.Low),
            [AlertLevel.Medium] = rule.ChannelsFor(AlertLevel.Medium),
            [AlertLevel.High] = high,
        };
        return rule with
        {
            Low = lines.Low,
            Medium = lines.Medium,
            High = lines.High,
            BreachLevel = settings.Level,
            Channels = channels,
            EscalationInterval = settings.EscalationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : rule.EscalationInterval,
        };
    }
}
