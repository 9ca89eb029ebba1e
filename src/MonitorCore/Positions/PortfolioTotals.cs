namespace MonitorCore.Positions;

/// <summary>
/// Sums over a set of enriched positions (ACTIVE ones unless told otherwise). Money is USD. The
/// maxima and the lowest travel are null when no position counted (or, for heat, none has one).
/// </summary>
/// <param name="Count">Positions counted.</param>
/// <param name="TotalSize">Σ size (notional).</param>
/// <param name="TotalCollateral">Σ collateral.</param>
/// <param name="TotalValue">Σ value.</param>
/// <param name="TotalPnl">Σ PnL: Jupiter's <c>pnl_after_fees_usd</c> when present, else computed at the stored current price.</param>
/// <param name="TotalProfit">Σ max(PnL, 0): the winners only.</param>
/// <param name="MaxPnl">The largest single PnL.</param>
/// <param name="MaxHeatIndex">The hottest position's heat index.</param>
/// <param name="MostNegativeTravelPercent">The lowest travel percent, the position closest to (or past) liquidation.</param>
/// <param name="AverageLeverage">Leverage weighted by size, Σ(leverage × size) / Σ size; 0 when Σ size is 0.</param>
public sealed record PortfolioTotals(
    int Count,
    double TotalSize,
    double TotalCollateral,
    double TotalValue,
    double TotalPnl,
    double TotalProfit,
    double? MaxPnl,
    double? MaxHeatIndex,
    double? MostNegativeTravelPercent,
    double AverageLeverage)
{
    /// <summary>The totals of nothing.</summary>
    public static PortfolioTotals Empty { get; } = new(0, 0, 0, 0, 0, 0, null, null, null, 0);

    /// <summary>
    /// Totals over <paramref name="positions"/>, which should be enriched (<see cref="PositionMath.Enrich"/>):
    /// value, leverage, heat, travel and current price are read as stored.
    /// </summary>
    /// <param name="positions">The positions.</param>
    /// <param name="activeOnly">Count only <see cref="PositionStatus.Active"/> positions (the default).</param>
    public static PortfolioTotals Compute(IEnumerable<Position> positions, bool activeOnly = true)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var count = 0;
        double size = 0, collateral = 0, value = 0, pnl = 0, profit = 0, leverageBySize = 0;
        double? maxPnl = null, maxHeat = null, minTravel = null;
        foreach (var p in positions)
        {
            if (activeOnly && p.Status != PositionStatus.Active)
            {
                continue;
            }

            var one = p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, p.CurrentPrice, p.Size);
            count++;
            size += p.Size;
            collateral += p.Collateral;
            value += p.Value;
            pnl += one;
            profit += Math.Max(one, 0);
            leverageBySize += p.Leverage * p.Size;
            maxPnl = maxPnl is { } m && m >= one ? m : one;
            maxHeat = p.HeatIndex is { } h && !(maxHeat >= h) ? h : maxHeat;
            minTravel = minTravel is { } t && t <= p.TravelPercent ? t : p.TravelPercent;
        }

        return count == 0
            ? Empty
            : new(count, size, collateral, value, pnl, profit, maxPnl, maxHeat, minTravel, size > 0 ? leverageBySize / size : 0);
    }
}
