using MonitorCore.Prices;

namespace MonitorCore.Positions;

/// <summary>
/// The position calculations of docs/behaviour.md §4, as pure functions. Prices and money are USD.
/// </summary>
/// <remarks>
/// Rounding: stored values keep full double precision; only the heat index is rounded (to 2 decimals,
/// half to even, as the spec says). Rounding is left to display because alert thresholds compare the
/// true value and a cent rounding would wipe out the distance of a low-priced asset.
/// Guards: a non-positive or NaN input named in a spec guard gives that guard's result (0 or null);
/// other NaN inputs propagate, and <see cref="Enrich"/> refuses a non-finite current price.
/// </remarks>
public static class PositionMath
{
    /// <summary>size / collateral; 0 if either is ≤ 0.</summary>
    public static double Leverage(double size, double collateral) =>
        size > 0 && collateral > 0 ? size / collateral : 0;

    /// <summary>
    /// How far the price has travelled from entry towards the liquidation price (−100) or away from it,
    /// in units of the entry-to-liquidation range: 0 at entry, −100 at liquidation, +100 one range
    /// beyond entry on the profit side. 0 if entry or liq ≤ 0 or entry = liq.
    /// </summary>
    public static double TravelPercent(PositionType type, double entry, double current, double liq)
    {
        if (!(entry > 0) || !(liq > 0) || entry == liq)
        {
            return 0;
        }

        return type switch
        {
            PositionType.Long => (current - entry) / (entry - liq) * 100,
            PositionType.Short => (entry - current) / (liq - entry) * 100,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown side"),
        };
    }

    /// <summary>
    /// How far the price is from the liquidation price, in USD, on the safe side: LONG cur − liq, SHORT
    /// liq − cur. A position at or past its liquidation price (LONG cur ≤ liq, SHORT cur ≥ liq) is at
    /// 0: the distance never grows again as the price moves further through the line.
    /// </summary>
    public static double LiquidationDistanceUsd(PositionType type, double current, double liq) =>
        Math.Max(0, type == PositionType.Short ? liq - current : current - liq) is var d && double.IsNaN(d) ? 0 : d;

    /// <summary>
    /// <see cref="LiquidationDistanceUsd"/> as a percent of the current price. 0 when the current price is
    /// ≤ 0 (or NaN): without a usable price the position cannot be shown to be away from liquidation, so it
    /// reads as being at it and the liquidation alerts speak rather than stay silent.
    /// </summary>
    public static double LiquidationDistancePercent(PositionType type, double current, double liq) =>
        current > 0 ? LiquidationDistanceUsd(type, current, liq) / current * 100 : 0;

    /// <summary>Whether the price has reached or passed the liquidation price (LONG cur ≤ liq, SHORT cur ≥ liq); false without a liquidation price.</summary>
    public static bool IsPastLiquidation(PositionType type, double current, double liq) =>
        liq > 0 && current > 0 && (type == PositionType.Short ? current >= liq : current <= liq);

    /// <summary>
    /// (current − entry) × size / entry for LONG, (entry − current) × size / entry for SHORT.
    /// 0 when entry ≤ 0, where no token count exists.
    /// </summary>
    public static double Pnl(PositionType type, double entry, double current, double size)
    {
        if (!(entry > 0))
        {
            return 0;
        }

        var tokens = size / entry;
        return type switch
        {
            PositionType.Long => (current - entry) * tokens,
            PositionType.Short => (entry - current) * tokens,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown side"),
        };
    }

    /// <summary>collateral + PnL.</summary>
    public static double Value(double collateral, double pnl) => collateral + pnl;

    /// <summary>
    /// The heat index: null if entry, liq, collateral or size is ≤ 0 or entry = liq; otherwise the
    /// weighted product of the used share of the liquidation range, leverage / 100 and the uncovered
    /// share of the notional, × 100, clamped to [min, max] and rounded to 2 decimals.
    /// </summary>
    public static double? HeatIndex(
        PositionType type, double entry, double current, double liq, double size, double collateral, HeatIndexWeights weights)
    {
        if (!(entry > 0) || !(liq > 0) || !(collateral > 0) || !(size > 0) || entry == liq)
        {
            return null;
        }

        var ndl = type switch
        {
            PositionType.Long => (current - liq) / (entry - liq),
            PositionType.Short => (liq - current) / (liq - entry),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown side"),
        };
        ndl = Math.Clamp(ndl, 0, 1);

        var heat = Math.Pow(1 - ndl, weights.DistanceExponent)
            * Math.Pow(size / collateral / 100, weights.LeverageExponent)
            * Math.Pow(1 - Math.Min(collateral / size, 1), weights.CollateralExponent)
            * 100;
        return Math.Round(Math.Clamp(heat, weights.Min, weights.Max), 2);
    }

    /// <summary>
    /// A copy of <paramref name="p"/> at <paramref name="currentPrice"/> with every derived field filled.
    /// Only the raw fields are read, so enriching an enriched position again gives the same record.
    /// Jupiter's <see cref="Position.PnlAfterFeesUsd"/> is kept as reported and is the PnL of
    /// <see cref="Position.Value"/>; the computed PnL is used only when it is absent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The current price is NaN or infinite.</exception>
    public static Position Enrich(Position p, double currentPrice, HeatIndexWeights weights)
    {
        if (!double.IsFinite(currentPrice))
        {
            throw new ArgumentOutOfRangeException(nameof(currentPrice), currentPrice, $"position {p.Id}: the current price must be a finite number");
        }

        var pnl = p.PnlAfterFeesUsd ?? Pnl(p.PositionType, p.EntryPrice, currentPrice, p.Size);
        return p with
        {
            CurrentPrice = currentPrice,
            Leverage = Leverage(p.Size, p.Collateral),
            Value = Value(p.Collateral, pnl),
            TravelPercent = TravelPercent(p.PositionType, p.EntryPrice, currentPrice, p.LiquidationPrice),
            LiquidationDistance = LiquidationDistanceUsd(p.PositionType, currentPrice, p.LiquidationPrice),
            LiquidationDistancePct = LiquidationDistancePercent(p.PositionType, currentPrice, p.LiquidationPrice),
            HeatIndex = HeatIndex(p.PositionType, p.EntryPrice, currentPrice, p.LiquidationPrice, p.Size, p.Collateral, weights),
        };
    }

    /// <summary>
    /// The price a position is valued at: the newest stored price of its asset, else the last price it
    /// was enriched at (Jupiter's mark price on a sync), else its entry price.
    /// </summary>
    public static double PriceFor(Position position, IReadOnlyDictionary<string, PriceQuote> latest) =>
        latest.TryGetValue(position.AssetType, out var quote) ? quote.CurrentPrice
        : position.CurrentPrice > 0 ? position.CurrentPrice
        : position.EntryPrice;

    /// <summary>A copy of <paramref name="position"/> enriched at <see cref="PriceFor"/>.</summary>
    public static Position EnrichAtLatest(Position position, IReadOnlyDictionary<string, PriceQuote> latest, HeatIndexWeights weights) =>
        Enrich(position, PriceFor(position, latest), weights);
}
