using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>
/// Reads the runtime settings stored in <c>system_vars</c> under configuration keys (a key with a
/// <c>:</c>, e.g. <c>Monitors:liquid_monitor:ThresholdPercent</c>) for the configuration layer that sits
/// between the config file and the environment. It only reads: a missing file, a database not yet
/// migrated or one that cannot be opened gives no settings (the command then says what is wrong with
/// the database on its own); it never creates, migrates or moves anything.
/// </summary>
public static class RuntimeSettingsReader
{
    private const string Query = "SELECT key, value FROM system_vars WHERE key LIKE '%:%'";

    public static IReadOnlyDictionary<string, string?> Read(DatabaseLocation location)
    {
        try
        {
            return location.Provider == DatabaseProvider.Sqlite ? ReadSqlite(location) : ReadPostgres(location);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new Dictionary<string, string?>();
        }
    }

    /// <summary>A stored JSON value as configuration text: a string unquoted, a number or boolean as written, null as null.</summary>
    public static string? ToConfigurationValue(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.String => document.RootElement.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => document.RootElement.GetRawText(),
            };
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static Dictionary<string, string?> ReadSqlite(DatabaseLocation location)
    {
        if (location.FilePath is not { } path || !File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return [];
        }

        try
        {
            return ReadSqlite(path, immutable: false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 8 or 14 && !File.Exists(path + "-wal"))
        {
            // A WAL database in a folder this user cannot write, with no writer at work: read it as immutable.
            return ReadSqlite(path, immutable: true);
        }
    }

    private static Dictionary<string, string?> ReadSqlite(string path, bool immutable)
    {
        using var connection = new SqliteConnection(SqliteConnections.ReadOnly(path, immutable, pooling: false, TimeSpan.FromSeconds(2)));
        connection.Open();
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'system_vars'";
            if (exists.ExecuteScalar() is null)
            {
                return [];
            }
        }

        return ReadAll(connection);
    }

    private static Dictionary<string, string?> ReadPostgres(DatabaseLocation location)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString) { Timeout = 5, Pooling = false };
        using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT to_regclass('system_vars') IS NOT NULL";
            if (exists.ExecuteScalar() is not true)
            {
                return [];
            }
        }

        return ReadAll(connection);
    }

    private static Dictionary<string, string?> ReadAll(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            values[reader.GetString(0)] = ToConfigurationValue(reader.GetString(1));
        }

        return values;
    }
}
