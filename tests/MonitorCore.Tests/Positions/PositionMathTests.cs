using MonitorCore.Positions;

namespace MonitorCore.Tests.Positions;

public class PositionMathTests
{
    private static readonly HeatIndexWeights Weights = new();

    private static Position Position(PositionType type, double entry, double liq, double size, double collateral) => new()
    {
        Id = "p1",
        AssetType = "SOL",
        PositionType = type,
        EntryPrice = entry,
        LiquidationPrice = liq,
        Size = size,
        Collateral = collateral,
        WalletName = "main",
        LastUpdated = DateTimeOffset.UnixEpoch,
        Stale = 1,
    };

    // behaviour §4's worked example: LONG, entry 100, liq 50, size 2, collateral 100.
    [Theory]
    [InlineData(90, 99.8, -20, 40, 44.44)]
    [InlineData(120, 100.4, 40, 70, 58.33)]
    public void The_spec_worked_example_holds(double current, double value, double travel, double distance, double distancePct)
    {
        var p = PositionMath.Enrich(Position(PositionType.Long, 100, 50, 2, 100), current, Weights);

        Assert.Equal(current, p.CurrentPrice);
        Assert.Equal(0.02, p.Leverage, 1e-12);
        Assert.Equal(value, p.Value, 2);
        Assert.Equal(travel, p.TravelPercent, 2);
        Assert.Equal(distance, p.LiquidationDistance, 2);
        Assert.Equal(distancePct, p.LiquidationDistancePct, 2);
        Assert.Equal(5, p.HeatIndex);
        Assert.Null(p.PnlAfterFeesUsd);
    }

    // SHORT, entry 200, liq 250, size 1000, collateral 100 (leverage 10, 5 tokens), by hand:
    // at 210: PnL = (200 − 210) × 5 = −50, value 50, travel = (200 − 210) / 50 × 100 = −20,
    //   distance 40 USD = 40 / 210 = 19.05 %, ndl = 40 / 50 = 0.8,
    //   heat = 0.2^0.6 × 0.1^0.3 × 0.9^0.1 × 100 = 0.38073 × 0.50119 × 0.98952 × 100 = 18.88.
    // at 180: PnL +100, value 200, travel +40, distance 70 USD = 38.89 %, ndl clamps to 1, heat 0 → 5.
    // at 245: PnL −225, value −125, travel −90, distance 5 USD = 2.04 %, ndl 0.1,
    //   heat = 0.9^0.6 × 0.50119 × 0.98952 × 100 = 0.93874 × 0.49594 × 100 = 46.56.
    [Theory]
    [InlineData(210, 50, -20, 40, 19.05, 18.88)]
    [InlineData(180, 200, 40, 70, 38.89, 5)]
    [InlineData(245, -125, -90, 5, 2.04, 46.56)]
    public void A_short_worked_by_hand_holds(double current, double value, double travel, double distance, double distancePct, double heat)
    {
        var p = PositionMath.Enrich(Position(PositionType.Short, 200, 250, 1000, 100), current, Weights);

        Assert.Equal(10, p.Leverage);
        Assert.Equal(value, p.Value, 2);
        Assert.Equal(travel, p.TravelPercent, 2);
        Assert.Equal(distance, p.LiquidationDistance, 2);
        Assert.Equal(distancePct, p.LiquidationDistancePct, 2);
        Assert.Equal(heat, p.HeatIndex);
    }

    [Fact]
    public void Heat_is_capped_at_the_maximum_and_rounded()
    {
        // Leverage 100 at the liquidation price: 1 × 1 × 0.99^0.1 × 100 = 99.90 → 75.
        Assert.Equal(75, PositionMath.HeatIndex(PositionType.Long, 100, 99, 99, 10_000, 100, Weights));
        // Same point with a wider clamp: the raw value, rounded to 2 decimals.
        var wide = new HeatIndexWeights { Min = 0, Max = 100 };
        Assert.Equal(99.9, PositionMath.HeatIndex(PositionType.Long, 100, 99, 99, 10_000, 100, wide));
    }

    [Fact]
    public void Heat_follows_the_configured_exponents()
    {
        // Every exponent 0: each factor is 1, so heat is 100 before the clamp.
        var flat = new HeatIndexWeights { DistanceExponent = 0, LeverageExponent = 0, CollateralExponent = 0, Max = 100 };
        Assert.Equal(100, PositionMath.HeatIndex(PositionType.Short, 200, 210, 250, 1000, 100, flat));
        // Only the distance counts: (1 − 0.8)^1 × 100 = 20.
        var distanceOnly = new HeatIndexWeights { DistanceExponent = 1, LeverageExponent = 0, CollateralExponent = 0 };
        Assert.Equal(20, PositionMath.HeatIndex(PositionType.Short, 200, 210, 250, 1000, 100, distanceOnly));
    }

    [Theory]
    [InlineData(0, 50, 2, 100)]
    [InlineData(100, 0, 2, 100)]
    [InlineData(100, 50, 0, 100)]
    [InlineData(100, 50, 2, 0)]
    [InlineData(-100, 50, 2, 100)]
    [InlineData(100, 50, -2, 100)]
    [InlineData(100, 100, 2, 100)]
    [InlineData(double.NaN, 50, 2, 100)]
    public void Heat_is_null_without_a_usable_range_or_amounts(double entry, double liq, double size, double collateral)
    {
        foreach (var type in Enum.GetValues<PositionType>())
        {
            Assert.Null(PositionMath.HeatIndex(type, entry, 90, liq, size, collateral, Weights));
            Assert.Null(PositionMath.Enrich(Position(type, entry, liq, size, collateral), 90, Weights).HeatIndex);
        }
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(100, 0)]
    [InlineData(-100, 50)]
    [InlineData(100, -50)]
    [InlineData(100, 100)]
    public void Travel_is_zero_without_a_usable_range(double entry, double liq)
    {
        Assert.Equal(0, PositionMath.TravelPercent(PositionType.Long, entry, 90, liq));
        Assert.Equal(0, PositionMath.TravelPercent(PositionType.Short, entry, 90, liq));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(2, 0)]
    [InlineData(-2, 100)]
    [InlineData(2, -100)]
    [InlineData(double.NaN, 100)]
    public void Leverage_is_zero_when_size_or_collateral_is_not_positive(double size, double collateral)
    {
        Assert.Equal(0, PositionMath.Leverage(size, collateral));
    }

    [Fact]
    public void Leverage_is_size_over_collateral()
    {
        Assert.Equal(12.5, PositionMath.Leverage(1250, 100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Distance_percent_is_zero_without_a_usable_price(double current)
    {
        Assert.Equal(0, PositionMath.LiquidationDistancePercent(PositionType.Long, current, 50));
    }

    [Theory]
    [InlineData(PositionType.Long, 50, 50)]
    [InlineData(PositionType.Long, 40, 50)]
    [InlineData(PositionType.Long, 1, 50)]
    [InlineData(PositionType.Short, 150, 150)]
    [InlineData(PositionType.Short, 300, 150)]
    public void A_position_at_or_past_its_liquidation_price_is_at_zero_distance(PositionType type, double current, double liq)
    {
        Assert.Equal(0, PositionMath.LiquidationDistanceUsd(type, current, liq));
        Assert.Equal(0, PositionMath.LiquidationDistancePercent(type, current, liq));
        Assert.True(PositionMath.IsPastLiquidation(type, current, liq));
    }

    [Fact]
    public void A_long_whose_price_falls_through_its_line_never_reads_safer()
    {
        var p = new Position { Id = "p", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 100, LiquidationPrice = 80, Size = 1000, Collateral = 100 };
        var distances = new[] { 90.0, 81, 80, 70, 40 }.Select(price => PositionMath.Enrich(p, price, new HeatIndexWeights()).LiquidationDistancePct).ToList();

        Assert.Equal(distances.OrderByDescending(d => d), distances);
        Assert.Equal([0, 0, 0], distances.Skip(2));
        Assert.False(PositionMath.IsPastLiquidation(PositionType.Long, 81, 80));
    }

    [Fact]
    public void Pnl_is_zero_without_an_entry_price()
    {
        Assert.Equal(0, PositionMath.Pnl(PositionType.Long, 0, 90, 2));
        Assert.Equal(0, PositionMath.Pnl(PositionType.Short, -1, 90, 2));
    }

    [Fact]
    public void Jupiters_pnl_is_kept_and_is_the_pnl_of_the_value()
    {
        var p = PositionMath.Enrich(Position(PositionType.Long, 100, 50, 2, 100) with { PnlAfterFeesUsd = -0.35 }, 90, Weights);

        Assert.Equal(-0.35, p.PnlAfterFeesUsd);
        Assert.Equal(99.65, p.Value, 10);
    }

    [Fact]
    public void Enrich_leaves_the_raw_fields_alone()
    {
        var raw = Position(PositionType.Short, 200, 250, 1000, 100) with { Status = PositionStatus.StaleClosed, Source = "file" };
        var enriched = PositionMath.Enrich(raw, 210, Weights);

        Assert.NotSame(raw, enriched);
        Assert.Equal(0, raw.CurrentPrice);
        var derivedReset = enriched with
        {
            CurrentPrice = 0, Leverage = 0, Value = 0, TravelPercent = 0,
            LiquidationDistance = 0, LiquidationDistancePct = 0, HeatIndex = null,
        };
        Assert.Equal(raw, derivedReset);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Enrich_refuses_a_non_finite_price(double current)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PositionMath.Enrich(Position(PositionType.Long, 100, 50, 2, 100), current, Weights));
        Assert.Contains("p1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_side_is_refused()
    {
        const PositionType sideways = (PositionType)7;
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionMath.TravelPercent(sideways, 100, 90, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionMath.Pnl(sideways, 100, 90, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionMath.HeatIndex(sideways, 100, 90, 50, 2, 100, Weights));
    }
}
