using MonitorCore.Prices;

namespace MonitorCore.Hosting.Operations;

/// <summary>The latest price of each asset.</summary>
public sealed record PriceList(IReadOnlyList<PriceQuote> Prices);

/// <summary>An asset's price history, oldest first, thinned to at most the points asked for.</summary>
public sealed record PriceHistory(string Asset, IReadOnlyList<PriceQuote> Points, int Stored);

/// <summary>Stored prices and their history.</summary>
public sealed class PriceOperations(IPriceStore prices, TimeProvider time)
{
    public async Task<PriceList> LatestAsync(CancellationToken cancellationToken) =>
        new([.. (await prices.GetLatestAllAsync(cancellationToken)).Values]);

    /// <summary>
    /// The history of <paramref name="asset"/> over the last <paramref name="span"/>, at most
    /// <paramref name="maxPoints"/> points: evenly spaced rows, always with the first and the newest.
    /// </summary>
    public async Task<PriceHistory> HistoryAsync(string asset, TimeSpan span, int maxPoints, CancellationToken cancellationToken)
    {
        if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(3660))
        {
            throw OperationException.Invalid("the span must be between 1 second and 10 years.", "span");
        }

        if (maxPoints is < 2 or > 100_000)
        {
            throw OperationException.Invalid($"points must be between 2 and 100000, got {maxPoints}.", "points");
        }

        var symbol = asset.Trim().ToUpperInvariant();
        var rows = await prices.GetHistoryAsync(symbol, time.GetUtcNow() - span, cancellationToken);
        return new PriceHistory(symbol, Thin(rows, maxPoints), rows.Count);
    }

    private static IReadOnlyList<PriceQuote> Thin(IReadOnlyList<PriceQuote> rows, int maxPoints)
    {
        if (rows.Count <= maxPoints)
        {
            return rows;
        }

        var step = (rows.Count - 1) / (double)(maxPoints - 1);
        return [.. Enumerable.Range(0, maxPoints).Select(i => rows[(int)Math.Round(i * step)])];
    }
}
