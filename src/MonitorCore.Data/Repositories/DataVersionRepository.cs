using System.Globalization;
using MonitorCore.Health;

namespace MonitorCore.Data.Repositories;

/// <summary>The newest ledger row id and event id, in one query (each the end of a primary key index).</summary>
internal sealed class DataVersionRepository(Database database) : IDataVersion
{
    public async Task<DataVersion> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT COALESCE((SELECT MAX(id) FROM monitor_ledger), 0), COALESCE((SELECT MAX(id) FROM events), 0)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DataVersion(
            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }
}
