using System.Text.Json.Serialization;

namespace MonitorCore.Prices;

/// <summary>One observed price of an asset (a row of <c>prices</c>, which keeps the history).</summary>
/// <param name="AssetType">The asset symbol: BTC, ETH, SOL, SPX.</param>
/// <param name="CurrentPrice">The price in USD; positive and finite.</param>
/// <param name="Source">Where it came from: coingecko, yahoo, jupiter, file, demo.</param>
/// <param name="LastUpdateTime">When it was observed.</param>
public sealed record PriceQuote(string AssetType, double CurrentPrice, string Source, DateTimeOffset LastUpdateTime)
{
    /// <summary>The highest price of the last 24 hours, where the source gives it.</summary>
    [JsonPropertyName("high_24h")]
    public double? High24h { get; init; }

    /// <summary>The lowest price of the last 24 hours, where the source gives it.</summary>
    [JsonPropertyName("low_24h")]
    public double? Low24h { get; init; }

    /// <summary>The change over 24 hours in percent, where the source gives it.</summary>
    [JsonPropertyName("change_24h_pct")]
    public double? Change24hPct { get; init; }

    public static string? Problem(PriceQuote quote)
    {
        if (string.IsNullOrWhiteSpace(quote.AssetType))
        {
            return "asset_type is empty";
        }

        if (!double.IsFinite(quote.CurrentPrice) || quote.CurrentPrice <= 0)
        {
            return $"price of {quote.AssetType} must be a positive number, got {quote.CurrentPrice}";
        }

        if (quote.High24h is { } high && (!double.IsFinite(high) || high <= 0)
            || quote.Low24h is { } low && (!double.IsFinite(low) || low <= 0)
            || quote.High24h < quote.Low24h)
        {
            return $"24h range of {quote.AssetType} must be positive with high ≥ low, got {quote.Low24h} – {quote.High24h}";
        }

        if (quote.Change24hPct is { } change && !double.IsFinite(change))
        {
            return $"24h change of {quote.AssetType} must be a finite number";
        }

        return string.IsNullOrWhiteSpace(quote.Source) ? "source is empty" : null;
    }
}
