using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Evaluation;
using MonitorCore.Positions;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Risk;

/// <summary>
/// <c>risk_monitor</c> (off by default: <c>enabled_risk</c>): each ACTIVE position's heat index against
/// <c>HeatIndex/Position</c> (ABOVE) and travel % against <c>TravelPercent/Position</c> (BELOW, by
/// magnitude: −60 % breaches a low of 50). Badges <c>risk_badge_value</c> (highest heat) and
/// <c>travel_risk_badge_value</c> (most negative travel).
/// </summary>
internal sealed class RiskMonitor(
    IPositionStore positions,
    ThresholdRules rules,
    IAlertEngine engine,
    SystemVars systemVars) : IMonitor
{
    public const string Name = "risk_monitor";

    public static readonly SystemVarKey<double?> HeatBadge = new("risk_badge_value", null);
    public static readonly SystemVarKey<double?> TravelBadge = new("travel_risk_badge_value", null);

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var active = await positions.ListAsync(PositionStatus.Active, cancellationToken);
        var heat = await rules.GetAsync("HeatIndex", "Position", Name, cancellationToken);
        var travel = await rules.GetAsync("TravelPercent", "Position", Name, cancellationToken);

        var heatOutcome = await ThresholdRules.EvaluateAsync(engine, heat, "HeatIndex", Name,
            [.. active.Where(p => p.HeatIndex is not null).Select(p => new Observation(p.Id, p.HeatIndex!.Value, $"{EvaluationMetadata.Describe(p)} heat index {p.HeatIndex:0.##}"))],
            context.CycleId, cancellationToken);
        var travelOutcome = await ThresholdRules.EvaluateAsync(engine, travel, "TravelPercent", Name,
            [.. active.Select(p => new Observation(p.Id, p.TravelPercent, $"{EvaluationMetadata.Describe(p)} travel {p.TravelPercent:0.#} % towards liquidation"))],
            context.CycleId, cancellationToken);

        double? maxHeat = active.Where(p => p.HeatIndex is not null).Select(p => p.HeatIndex).Max();
        double? minTravel = active.Count == 0 ? null : Math.Round(active.Min(p => p.TravelPercent), 2);
        // The badges show only what is at or past its LOW line: the hottest heat (ABOVE) and the most negative travel (BELOW, by magnitude).
        await systemVars.SetAsync(HeatBadge, maxHeat is { } h && heat is not null && h >= heat.Low ? maxHeat : null, cancellationToken);
        await systemVars.SetAsync(TravelBadge, minTravel is { } t && travel is not null && -t >= travel.Low ? minTravel : null, cancellationToken);

        var metadata = new JsonObject
        {
            ["max_heat_index"] = maxHeat,
            ["worst_travel_percent"] = minTravel,
            ["positions"] = active.Count,
        };
        EvaluationMetadata.Add(metadata, heatOutcome, travelOutcome);
        return MonitorResult.Success(metadata);
    }
}
