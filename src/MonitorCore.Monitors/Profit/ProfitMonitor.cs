using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Evaluation;
using MonitorCore.Positions;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Profit;

/// <summary>
/// <c>profit_monitor</c>: the profit of each ACTIVE position against <c>Profit/Position</c>, and the
/// total profit (Σ max(pnl, 0)) against <c>TotalProfit/Portfolio</c>, through the rule engine. The
/// badge <c>profit_badge_value</c> is the largest single profit when it is above the Profit low threshold.
/// </summary>
internal sealed class ProfitMonitor(
    IPositionStore positions,
    ThresholdRules rules,
    IAlertEngine engine,
    SystemVars systemVars) : IMonitor
{
    public const string Name = "profit_monitor";

    public static readonly SystemVarKey<double?> Badge = new("profit_badge_value", null);

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var active = await positions.ListAsync(PositionStatus.Active, cancellationToken);
        var pnls = active.Select(p => (Position: p, Pnl: p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, p.CurrentPrice, p.Size))).ToList();
        var total = pnls.Sum(x => Math.Max(x.Pnl, 0));
        double? max = pnls.Count == 0 ? null : pnls.Max(x => x.Pnl);

        var single = await rules.GetAsync("Profit", "Position", Name, cancellationToken);
        var portfolio = await rules.GetAsync("TotalProfit", "Portfolio", Name, cancellationToken);
        var perPosition = await ThresholdRules.EvaluateAsync(engine, single, "Profit", Name,
            [.. pnls.Select(x => new Observation(x.Position.Id, x.Pnl, $"{EvaluationMetadata.Describe(x.Position)} profit ${x.Pnl:0.00}"))],
            context.CycleId, cancellationToken);
        var overall = await ThresholdRules.EvaluateAsync(engine, portfolio, "TotalProfit", Name,
            [new Observation("portfolio", total, $"total profit ${total:0.00} over {pnls.Count} positions")],
            context.CycleId, cancellationToken);

        // "Above" the line: a profit equal to the Profit low line shows no badge (docs/behaviour.md §5).
        double? badge = max is { } m && single is not null && m > single.Low ? Math.Round(m, 2) : null;
        await systemVars.SetAsync(Badge, badge, cancellationToken);

        var metadata = new JsonObject
        {
            ["total_profit"] = Math.Round(total, 2),
            ["max_profit"] = max is { } mx ? Math.Round(mx, 2) : null,
            ["positions"] = pnls.Count,
            ["badge"] = badge,
        };
        EvaluationMetadata.Add(metadata, perPosition, overall);
        return MonitorResult.Success(metadata);
    }
}
