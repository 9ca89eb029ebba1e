using System.Globalization;

namespace MonitorCore.Monitors.Demo;

/// <summary>One asset of the demo market.</summary>
public sealed record DemoAsset(string Symbol, string SourceId, double BasePrice, double Phase);

/// <summary>A position the demo wallet holds.</summary>
public sealed record DemoPosition(string Id, string Symbol, string Mint, bool Long, double Entry, double Liquidation, double Size, double Collateral);

/// <summary>
/// An in-process market for newcomers without internet: realistic prices that walk (a seeded,
/// deterministic function of time, so every process sees the same market at the same minute) and
/// a demo wallet holding a few positions, one of them a few percent from liquidation.
/// </summary>
public sealed class DemoMarket(TimeProvider time)
{
    public const string WalletName = "demo";
    public const string WalletAddress = "DemoWa11et1111111111111111111111111111111111";

    public static readonly IReadOnlyList<DemoAsset> Assets =
    [
        new("BTC", "bitcoin", 97_400, 0.3),
        new("ETH", "ethereum", 3_410, 1.7),
        new("SOL", "solana", 187.4, 2.9),
        new("SPX", "^GSPC", 6_705, 4.1),
    ];

    /// <summary>The SOL long's liquidation sits 7 % under the SOL base price; the walk stays within ±4.5 %, so it is always 2.6 % to 11 % away.</summary>
    public static readonly IReadOnlyList<DemoPosition> Positions =
    [
        new("DemoPos1So1LongNearLiquidation11111111111111", "SOL", "So11111111111111111111111111111111111111112", true, 182.5, 174.3, 1_500, 115),
        new("DemoPos2BtcShort111111111111111111111111111", "BTC", "3NZ9JMVBmGAqocybic2c7LQCJScmgsAZ6vQqTDzcqmJh", false, 95_100, 110_000, 5_000, 520),
        new("DemoPos3EthLong1111111111111111111111111111", "ETH", "7vfCXTUXx5WJV5JADk17DUJ4ksgau7utNKj4b963voxs", true, 3_300, 2_750, 2_000, 340),
    ];

    public DateTimeOffset Now => time.GetUtcNow();

    public static DemoAsset? BySourceId(string id) => Assets.FirstOrDefault(a => a.SourceId.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The price at a moment: a slow daily swing, a faster wobble and per-minute noise, within ±4.5 % of the base.</summary>
    public static double PriceAt(DemoAsset asset, DateTimeOffset at)
    {
        var minute = at.ToUnixTimeSeconds() / 60;
        var daily = 0.025 * Math.Sin(2 * Math.PI * minute / 1440.0 + asset.Phase);
        var wobble = 0.012 * Math.Sin(2 * Math.PI * minute / 97.0 + asset.Phase * 3);
        var noise = 0.008 * (Noise(asset.Symbol, minute) - 0.5);
        return Math.Round(asset.BasePrice * (1 + daily + wobble + noise), asset.BasePrice > 1000 ? 2 : 4);
    }

    public double Price(DemoAsset asset) => PriceAt(asset, Now);

    /// <summary>The highest and lowest price over the last 24 hours, sampled every 10 minutes.</summary>
    public (double High, double Low) Range24h(DemoAsset asset)
    {
        double high = double.MinValue, low = double.MaxValue;
        for (var minutes = 0; minutes <= 1440; minutes += 10)
        {
            var price = PriceAt(asset, Now.AddMinutes(-minutes));
            high = Math.Max(high, price);
            low = Math.Min(low, price);
        }

        return (high, low);
    }

    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A uniform number in [0, 1) from the symbol and minute (a fixed hash, the same in every process).</summary>
    private static double Noise(string symbol, long minute)
    {
        var h = (ulong)minute * 0x9E3779B97F4A7C15UL;
        foreach (var c in symbol)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (h >> 11) / (double)(1UL << 53);
    }
}
