using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MonitorCore.Positions;

namespace MonitorCore.Tests.Positions;

/// <summary>A price or amount &gt; 0, from 10⁻¹⁵ to 10⁹.</summary>
public sealed record Positive(double Value);

/// <summary>Any amount a row might hold: 0, negative or positive.</summary>
public sealed record Amount(double Value);

/// <summary>The generators of the position properties.</summary>
public static class PositionArbitraries
{
    private static readonly Gen<double> PositiveGen =
        from n in Gen.Choose(1, 1_000_000_000)
        from decimals in Gen.Choose(0, 15)
        select n / Math.Pow(10, decimals);

    private static readonly Gen<double> AmountGen = Gen.Frequency(
        (1, Gen.Constant(0.0)),
        (2, PositiveGen.Select(x => -x)),
        (6, PositiveGen));

    public static Arbitrary<Positive> Positives() => Arb.From(PositiveGen.Select(x => new Positive(x)));

    public static Arbitrary<Amount> Amounts() => Arb.From(AmountGen.Select(x => new Amount(x)));

    public static Arbitrary<Position> Positions() => Arb.From(
        from type in Gen.Elements(PositionType.Long, PositionType.Short)
        from entry in AmountGen
        from liq in AmountGen
        from size in AmountGen
        from collateral in AmountGen
        from pnl in Gen.OneOf(Gen.Constant<double?>(null), AmountGen.Select(x => (double?)x))
        select new Position
        {
            Id = "p",
            AssetType = "BTC",
            PositionType = type,
            EntryPrice = entry,
            LiquidationPrice = liq,
            Size = size,
            Collateral = collateral,
            PnlAfterFeesUsd = pnl,
        });
}

[Properties(Arbitrary = [typeof(PositionArbitraries)], MaxTest = 500)]
public class PositionMathProperties
{
    private static readonly HeatIndexWeights Weights = new();

    [Property]
    public Property Travel_is_exactly_minus_100_at_the_liquidation_price(PositionType type, Positive entry, Positive liq) =>
        Prop.When(entry.Value != liq.Value, () => PositionMath.TravelPercent(type, entry.Value, liq.Value, liq.Value) == -100);

    [Property]
    public Property Travel_is_zero_at_entry(PositionType type, Positive entry, Positive liq) =>
        Prop.When(entry.Value != liq.Value, () => PositionMath.TravelPercent(type, entry.Value, entry.Value, liq.Value) == 0);

    [Property]
    public bool Liquidation_distance_percent_is_never_negative(PositionType type, Amount current, Amount liq) =>
        PositionMath.LiquidationDistancePercent(type, current.Value, liq.Value) >= 0;

    [Property]
    public bool Past_the_liquidation_price_the_distance_is_zero_however_far(PositionType type, Positive liq, Positive beyond) =>
        PositionMath.LiquidationDistancePercent(type, type == PositionType.Long ? liq.Value / (1 + beyond.Value) : liq.Value * (1 + beyond.Value), liq.Value) == 0;

    [Property]
    public bool Heat_is_within_its_clamps_or_null(PositionType type, Amount entry, Amount current, Amount liq, Amount size, Amount collateral) =>
        PositionMath.HeatIndex(type, entry.Value, current.Value, liq.Value, size.Value, collateral.Value, Weights) is not { } heat
        || (heat >= Weights.Min && heat <= Weights.Max);

    [Property]
    public bool Heat_is_null_exactly_when_the_spec_says(PositionType type, Amount entry, Amount current, Amount liq, Amount size, Amount collateral)
    {
        var unusable = entry.Value <= 0 || liq.Value <= 0 || size.Value <= 0 || collateral.Value <= 0 || entry.Value == liq.Value;
        var heat = PositionMath.HeatIndex(type, entry.Value, current.Value, liq.Value, size.Value, collateral.Value, Weights);
        return unusable == heat is null;
    }

    [Property]
    public bool Heat_does_not_cool_as_the_price_nears_liquidation(Positive liq, Positive range, Positive current, Positive step, Positive size, Positive collateral)
    {
        // A LONG with liq below entry: a lower price is nearer liquidation, so never cooler.
        var entry = liq.Value + range.Value;
        var before = PositionMath.HeatIndex(PositionType.Long, entry, current.Value, liq.Value, size.Value, collateral.Value, Weights);
        var after = PositionMath.HeatIndex(PositionType.Long, entry, current.Value - step.Value, liq.Value, size.Value, collateral.Value, Weights);
        return entry == liq.Value || after >= before;
    }

    [Property]
    public bool Enriching_twice_gives_the_same_result(Position p, Positive current, Positive elsewhere)
    {
        var once = PositionMath.Enrich(p, current.Value, Weights);
        return PositionMath.Enrich(once, current.Value, Weights) == once
            && PositionMath.Enrich(PositionMath.Enrich(p, elsewhere.Value, Weights), current.Value, Weights) == once;
    }

    [Property]
    public bool Long_and_short_pnl_are_opposite(Amount entry, Amount current, Amount size) =>
        PositionMath.Pnl(PositionType.Long, entry.Value, current.Value, size.Value)
        == -PositionMath.Pnl(PositionType.Short, entry.Value, current.Value, size.Value);

    [Property]
    public bool Value_is_collateral_plus_the_pnl_used(Position p, Positive current)
    {
        var enriched = PositionMath.Enrich(p, current.Value, Weights);
        var pnl = p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, current.Value, p.Size);
        return enriched.Value == p.Collateral + pnl;
    }
}
