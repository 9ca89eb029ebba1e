using System.Text.Json;
using MonitorCore.Settings;

namespace MonitorCore.Data.Repositories;

/// <summary><c>system_vars</c>: key → JSON value. Only valid JSON is stored.</summary>
internal sealed class SystemVarRepository(Database database, TimeProvider time) : ISystemVarStore
{
    public async Task<string?> GetRawAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM system_vars WHERE key = @key");
        command.Add("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetRawAsync(string key, string json, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"system_vars '{key}': the value is not valid JSON ({ex.Message}).", nameof(json), ex);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO system_vars (key, value, updated_at) VALUES (@key, @value, @updated_at) " +
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
        command.Add("@key", key);
        database.AddJson(command, "@value", json);
        command.Add("@updated_at", database.ToDb(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM system_vars WHERE key = @key");
        command.Add("@key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyDictionary<string, string>> ListRawAsync(CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT key, value FROM system_vars");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }
}
