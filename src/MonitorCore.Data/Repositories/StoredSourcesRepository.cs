using MonitorCore.Monitoring;

namespace MonitorCore.Data.Repositories;

/// <summary>The distinct sources of <c>prices</c> and <c>positions</c>.</summary>
internal sealed class StoredSourcesRepository(Database database) : IStoredSources
{
    public async Task<IReadOnlyCollection<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT DISTINCT source FROM prices UNION SELECT DISTINCT source FROM positions");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sources = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(reader.GetString(0));
        }

        return sources;
    }
}
