using System.Data.Common;
using MonitorCore.Prices;

namespace MonitorCore.Data.Repositories;

/// <summary><c>prices</c>: the history of observed prices; the latest per asset is read through an index.</summary>
internal sealed class PriceRepository(Database database) : IPriceStore
{
    private const string Columns = "asset_type, current_price, source, last_update_time, high_24h, low_24h, change_24h_pct";

    /// <summary>Stores quotes in one transaction; refuses the whole batch if any quote is invalid.</summary>
    public async Task AddAsync(IReadOnlyList<PriceQuote> quotes, CancellationToken cancellationToken)
    {
        foreach (var quote in quotes)
        {
            if (PriceQuote.Problem(quote) is { } problem)
            {
                throw new ArgumentException(problem, nameof(quotes));
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO prices ({Columns}) VALUES (@asset, @price, @source, @time, @high, @low, @change)",
            transaction);
        foreach (var quote in quotes)
        {
            command.Parameters.Clear();
            command.Add("@asset", quote.AssetType);
            command.Add("@price", quote.CurrentPrice);
            command.Add("@source", quote.Source);
            command.Add("@time", database.ToDb(quote.LastUpdateTime));
            command.Add("@high", quote.High24h);
            command.Add("@low", quote.Low24h);
            command.Add("@change", quote.Change24hPct);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<PriceQuote?> GetLatestAsync(string assetType, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM prices WHERE asset_type = @asset ORDER BY last_update_time DESC, id DESC LIMIT 1");
        command.Add("@asset", assetType);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The latest price of every asset that has one.</summary>
    public async Task<IReadOnlyDictionary<string, PriceQuote>> GetLatestAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM prices p WHERE id = (SELECT id FROM prices q WHERE q.asset_type = p.asset_type " +
            "ORDER BY last_update_time DESC, id DESC LIMIT 1) ORDER BY asset_type");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, PriceQuote>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var quote = Read(reader);
            result[quote.AssetType] = quote;
        }

        return result;
    }

    /// <summary>The history of one asset since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PriceQuote>> GetHistoryAsync(string assetType, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM prices WHERE asset_type = @asset AND last_update_time >= @since ORDER BY last_update_time, id");
        command.Add("@asset", assetType);
        command.Add("@since", database.ToDb(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PriceQuote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private PriceQuote Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetDouble(1), reader.GetString(2), database.ReadTimestamp(reader, 3))
        {
            High24h = reader.GetNullableDouble(4),
            Low24h = reader.GetNullableDouble(5),
            Change24hPct = reader.GetNullableDouble(6),
        };

    /// <summary>Deletes prices observed before <paramref name="cutoff"/> (the retention policy); returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM prices WHERE last_update_time < @cutoff");
        command.Add("@cutoff", database.ToDb(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
