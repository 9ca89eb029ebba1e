using MonitorCore.Positions;

namespace MonitorCore.Tests.Positions;

public class PortfolioTotalsTests
{
    private static readonly HeatIndexWeights Weights = new();

    private static Position Enriched(string id, PositionType type, double entry, double liq, double size, double collateral, double current, double? jupiterPnl = null) =>
        PositionMath.Enrich(
            new Position
            {
                Id = id,
                AssetType = "SOL",
                PositionType = type,
                EntryPrice = entry,
                LiquidationPrice = liq,
                Size = size,
                Collateral = collateral,
                PnlAfterFeesUsd = jupiterPnl,
            },
            current,
            Weights);

    [Fact]
    public void Totals_add_up_the_active_positions()
    {
        // The spec's LONG at 90 (PnL −0.2), the hand-worked SHORT at 210 (PnL −50, heat 18.88)
        // and a LONG in profit whose PnL comes from Jupiter (+30, leverage 5).
        Position[] positions =
        [
            Enriched("a", PositionType.Long, 100, 50, 2, 100, 90),
            Enriched("b", PositionType.Short, 200, 250, 1000, 100, 210),
            Enriched("c", PositionType.Long, 100, 85, 500, 100, 110, jupiterPnl: 30),
            Enriched("closed", PositionType.Long, 100, 99, 10_000, 100, 99) with { Status = PositionStatus.Closed },
            Enriched("stale", PositionType.Short, 100, 101, 10_000, 100, 101) with { Status = PositionStatus.StaleClosed },
        ];

        var t = PortfolioTotals.Compute(positions);

        Assert.Equal(3, t.Count);
        Assert.Equal(1502, t.TotalSize, 10);
        Assert.Equal(300, t.TotalCollateral, 10);
        Assert.Equal(99.8 + 50 + 130, t.TotalValue, 10);
        Assert.Equal(-0.2 - 50 + 30, t.TotalPnl, 10);
        Assert.Equal(30, t.TotalProfit, 10);
        Assert.Equal(30, t.MaxPnl);
        Assert.Equal(18.88, t.MaxHeatIndex);
        Assert.Equal(-20, t.MostNegativeTravelPercent!.Value, 10);
        Assert.Equal(((0.02 * 2) + (10 * 1000) + (5 * 500)) / 1502, t.AverageLeverage, 10);
    }

    [Fact]
    public void Inactive_positions_count_when_asked()
    {
        Position[] positions =
        [
            Enriched("a", PositionType.Long, 100, 50, 2, 100, 90),
            Enriched("closed", PositionType.Long, 100, 99, 10_000, 100, 99) with { Status = PositionStatus.StaleClosed },
        ];

        var t = PortfolioTotals.Compute(positions, activeOnly: false);

        Assert.Equal(2, t.Count);
        Assert.Equal(75, t.MaxHeatIndex);
        Assert.Equal(-100, t.MostNegativeTravelPercent);
        Assert.Equal(-0.2 - 100, t.TotalPnl, 10);
        Assert.Equal(0, t.TotalProfit);
        Assert.Equal(-0.2, t.MaxPnl!.Value, 10);
    }

    [Fact]
    public void Nothing_active_gives_the_empty_totals()
    {
        var closed = Enriched("a", PositionType.Long, 100, 50, 2, 100, 90) with { Status = PositionStatus.Closed };

        Assert.Equal(PortfolioTotals.Empty, PortfolioTotals.Compute([closed]));
        Assert.Equal(PortfolioTotals.Empty, PortfolioTotals.Compute([]));
        Assert.Null(PortfolioTotals.Empty.MaxPnl);
        Assert.Null(PortfolioTotals.Empty.MostNegativeTravelPercent);
    }

    [Fact]
    public void Heat_maximum_skips_positions_without_heat()
    {
        // Collateral 0: no heat, leverage 0.
        var noHeat = Enriched("a", PositionType.Long, 100, 50, 2, 0, 90);
        Assert.Null(noHeat.HeatIndex);

        var t = PortfolioTotals.Compute([noHeat]);

        Assert.Equal(1, t.Count);
        Assert.Null(t.MaxHeatIndex);
        Assert.Equal(0, t.AverageLeverage);
    }
}
