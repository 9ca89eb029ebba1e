namespace MonitorCore.Prices;

/// <summary>One observed price of an asset (a row of <c>prices</c>, which keeps the history).</summary>
/// <param name="AssetType">The asset symbol: BTC, ETH, SOL, SPX.</param>
/// <param name="CurrentPrice">The price in USD; positive and finite.</param>
/// <param name="Source">Where it came from: coingecko, yahoo, jupiter, file, demo.</param>
/// <param name="LastUpdateTime">When it was observed.</param>
public sealed record PriceQuote(string AssetType, double CurrentPrice, string Source, DateTimeOffset LastUpdateTime)
{
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

        return string.IsNullOrWhiteSpace(quote.Source) ? "source is empty" : null;
    }
}
