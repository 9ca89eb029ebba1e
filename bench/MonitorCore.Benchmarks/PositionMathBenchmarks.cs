using BenchmarkDotNet.Attributes;
using MonitorCore.Positions;

namespace MonitorCore.Benchmarks;

/// <summary>
/// Enriching and totalling 100,000 positions. Each benchmark counts one operation per position, so
/// the reported mean is the time per position (the original Python took about 86 µs each). The job
/// comes from the command line, as for the other benchmarks; <c>--job short</c> is the run it was written for.
/// </summary>
[MemoryDiagnoser]
public class PositionMathBenchmarks
{
    public const int Count = 100_000;

    private readonly HeatIndexWeights weights = new();
    private Position[] positions = [];
    private double[] prices = [];
    private Position[] enriched = [];

    [GlobalSetup]
    public void Setup()
    {
        // Seeded so every run measures the same book: both sides, leverage 1.1–100, prices ±20 % around
        // entry, one in ten with Jupiter's PnL and one in fifty without a liquidation price (no heat).
        var random = new Random(20_240_601);
        positions = new Position[Count];
        prices = new double[Count];
        enriched = new Position[Count];
        for (var i = 0; i < Count; i++)
        {
            var type = random.Next(2) == 0 ? PositionType.Long : PositionType.Short;
            var entry = 10 + (random.NextDouble() * 100_000);
            var leverage = 1.1 + (random.NextDouble() * 98.9);
            var collateral = 10 + (random.NextDouble() * 10_000);
            var band = 0.9 / leverage;
            var liq = i % 50 == 0 ? 0 : entry * (type == PositionType.Long ? 1 - band : 1 + band);
            positions[i] = new Position
            {
                Id = $"p{i}",
                AssetType = "BTC",
                PositionType = type,
                EntryPrice = entry,
                LiquidationPrice = liq,
                Size = collateral * leverage,
                Collateral = collateral,
                PnlAfterFeesUsd = i % 10 == 0 ? (random.NextDouble() - 0.5) * collateral : null,
            };
            prices[i] = entry * (0.8 + (random.NextDouble() * 0.4));
            enriched[i] = PositionMath.Enrich(positions[i], prices[i], weights);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Position[] Enrich()
    {
        for (var i = 0; i < positions.Length; i++)
        {
            enriched[i] = PositionMath.Enrich(positions[i], prices[i], weights);
        }

        return enriched;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double? HeatIndex()
    {
        double? hottest = null;
        for (var i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            var heat = PositionMath.HeatIndex(p.PositionType, p.EntryPrice, prices[i], p.LiquidationPrice, p.Size, p.Collateral, weights);
            hottest = heat > hottest || hottest is null ? heat : hottest;
        }

        return hottest;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public PortfolioTotals Totals() => PortfolioTotals.Compute(enriched);
}
