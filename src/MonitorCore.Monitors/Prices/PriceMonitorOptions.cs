using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MonitorCore.Monitors.Prices;

/// <summary>A coin priced by CoinGecko.</summary>
public sealed class CryptoAsset
{
    [Required]
    [RegularExpression("^[A-Z0-9]{2,10}$", ErrorMessage = "use 2-10 upper-case letters or digits")]
    public string Symbol { get; set; } = "";

    [Required]
    public string CoinGeckoId { get; set; } = "";
}

/// <summary>An index priced by Yahoo Finance, stored under its own symbol (<c>^GSPC</c> as <c>SPX</c>).</summary>
public sealed class IndexAsset
{
    [Required]
    [RegularExpression("^[A-Z0-9]{2,10}$", ErrorMessage = "use 2-10 upper-case letters or digits")]
    public string Symbol { get; set; } = "";

    [Required]
    public string YahooSymbol { get; set; } = "";
}

/// <summary>The <c>Monitors:price_monitor</c> section.</summary>
public sealed class PriceMonitorOptions
{
    /// <summary>Coins to price; when empty, BTC, ETH and SOL.</summary>
    public List<CryptoAsset> Assets { get; set; } = [];

    /// <summary>Indexes to price; when empty, the S&amp;P 500 (<c>^GSPC</c>) as SPX.</summary>
    public List<IndexAsset> Indexes { get; set; } = [];

    /// <summary>A price that moved more than this from the last stored one is rejected as absurd.</summary>
    [Range(1.0, 10_000.0)]
    public double MaxMovePercent { get; set; } = 50;

    /// <summary>A price above this is rejected as absurd, whatever came before.</summary>
    [Range(1.0, double.MaxValue)]
    public double MaxPrice { get; set; } = 1e9;

    /// <summary>The coins priced when <see cref="Assets"/> is empty.</summary>
    public static IReadOnlyList<CryptoAsset> DefaultAssets { get; } =
    [
        new() { Symbol = "BTC", CoinGeckoId = "bitcoin" },
        new() { Symbol = "ETH", CoinGeckoId = "ethereum" },
        new() { Symbol = "SOL", CoinGeckoId = "solana" },
    ];

    /// <summary>The indexes priced when <see cref="Indexes"/> is empty.</summary>
    public static IReadOnlyList<IndexAsset> DefaultIndexes { get; } = [new() { Symbol = "SPX", YahooSymbol = "^GSPC" }];

    /// <summary>What is priced: <see cref="Assets"/>, or the defaults (not a setting of its own: <c>config show</c> shows the defaults under <c>Assets</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<CryptoAsset> EffectiveAssets => Assets.Count > 0 ? Assets : DefaultAssets;

    [JsonIgnore]
    public IReadOnlyList<IndexAsset> EffectiveIndexes => Indexes.Count > 0 ? Indexes : DefaultIndexes;
}
