namespace MonitorCore.Prices;

/// <summary><c>prices</c>: the history of observed prices; the latest per asset is read through an index.</summary>
public interface IPriceStore
{
    /// <summary>Stores quotes in one transaction; refuses the whole batch if any quote is invalid.</summary>
    Task AddAsync(IReadOnlyList<PriceQuote> quotes, CancellationToken cancellationToken);

    Task<PriceQuote?> GetLatestAsync(string assetType, CancellationToken cancellationToken);

    /// <summary>The latest price of every asset that has one.</summary>
    Task<IReadOnlyDictionary<string, PriceQuote>> GetLatestAllAsync(CancellationToken cancellationToken);

    /// <summary>The history of one asset since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<PriceQuote>> GetHistoryAsync(string assetType, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes prices observed before <paramref name="cutoff"/> (the retention policy); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
