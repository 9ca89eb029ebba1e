using MonitorCore.Alerts;
using MonitorCore.Positions;

namespace MonitorCore.Benchmarks;

/// <summary>
/// A seeded book of enriched positions for the alert benchmarks, made so that most positions are safe
/// under the default thresholds and a few percent fire each position rule:
/// <list type="bullet">
/// <item>94 % safe: leverage 1.2–4.5, travel −40 % to +5 %, collateral 20–200 USD (more than 10 % from
/// liquidation, profit under 10 USD, heat under 40);</item>
/// <item>3 % in trouble: leverage 2–40, travel −50 % to −98 % (TravelPercent fires; LiquidationDistance
/// and HeatIndex fire for the higher leverages);</item>
/// <item>3 % winners: leverage 1.2–5, travel +10 % to +100 %, collateral 50–500 USD (Profit fires for most).</item>
/// </list>
/// The SOL, ETH and BTC markets in turn, long and short, entry within ±10 % of the market price.
/// </summary>
internal static class AlertBook
{
    public const int Seed = 20_251_124;

    /// <summary>The four position rules with the migrated default thresholds (<c>alert_thresholds</c>) and the default hysteresis.</summary>
    public static readonly AlertRule[] PositionRules =
    [
        Rule("LiquidationDistance", "liquid_monitor", ThresholdCondition.Below, 10, 7.5, 5),
        Rule("Profit", "profit_monitor", ThresholdCondition.Above, 10, 25, 50),
        Rule("HeatIndex", "risk_monitor", ThresholdCondition.Above, 40, 60, 80),
        Rule("TravelPercent", "risk_monitor", ThresholdCondition.Below, 50, 70, 90),
    ];

    public static Position[] Positions(int count, DateTimeOffset now, int seed = Seed)
    {
        var weights = new HeatIndexWeights();
        var random = new Random(seed);
        var result = new Position[count];
        for (var i = 0; i < count; i++)
        {
            var (_, asset, price) = JupiterBook.Markets[i % JupiterBook.Markets.Length];
            var isLong = random.Next(2) == 0;
            var roll = random.NextDouble();
            double leverage, travel, collateral;
            if (roll < 0.03)
            {
                leverage = 2 + (random.NextDouble() * 38);
                travel = -50 - (random.NextDouble() * 48);
                collateral = 20 + (random.NextDouble() * 480);
            }
            else if (roll < 0.06)
            {
                leverage = 1.2 + (random.NextDouble() * 3.8);
                travel = 10 + (random.NextDouble() * 90);
                collateral = 50 + (random.NextDouble() * 450);
            }
            else
            {
                leverage = 1.2 + (random.NextDouble() * 3.3);
                travel = -40 + (random.NextDouble() * 45);
                collateral = 20 + (random.NextDouble() * 180);
            }

            var entry = price * (0.9 + (random.NextDouble() * 0.2));
            var range = entry * 0.9 / leverage; // entry to liquidation
            var liquidation = isLong ? entry - range : entry + range;
            var current = isLong ? entry + (travel / 100 * range) : entry - (travel / 100 * range);
            var size = collateral * leverage;
            var pnlBeforeFees = PositionMath.Pnl(isLong ? PositionType.Long : PositionType.Short, entry, current, size);
            var position = new Position
            {
                Id = $"bench-{i:D6}-{asset}",
                AssetType = asset,
                PositionType = isLong ? PositionType.Long : PositionType.Short,
                EntryPrice = entry,
                LiquidationPrice = liquidation,
                Size = size,
                Collateral = collateral,
                PnlAfterFeesUsd = pnlBeforeFees - (size * 0.0012),
                WalletName = "bench",
                LastUpdated = now,
                Source = "jupiter",
            };
            result[i] = PositionMath.Enrich(position, current, weights);
        }

        return result;
    }

    /// <summary>The value a position rule reads from a position (null: the rule does not observe it).</summary>
    public static double? Value(int rule, Position p) => rule switch
    {
        0 => p.LiquidationDistancePct,
        1 => p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, p.CurrentPrice, p.Size),
        2 => p.HeatIndex,
        _ => p.TravelPercent,
    };

    private static AlertRule Rule(string type, string monitor, ThresholdCondition condition, double low, double medium, double high) =>
        AlertRule.FromThreshold(
            new AlertThreshold { AlertType = type, AlertClass = "Position", MetricKey = type, Condition = condition, Low = low, Medium = medium, High = high },
            monitor);
}
