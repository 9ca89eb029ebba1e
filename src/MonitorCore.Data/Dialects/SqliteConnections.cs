using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>How Monitor Core opens SQLite files: how long a lock is waited for, and reading a file this process may not write.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a statement waits for another process's lock before it gives up (SQLite's busy timeout and the driver's retries).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// A read-only connection string. <paramref name="immutable"/> opens the file as SQLite's "immutable" (no locks, no
    /// -wal or -shm): the way to read a WAL database in a folder this process cannot write, when no -wal file exists.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="immutable">Open it as immutable.</param>
    /// <param name="pooling">Pool the connection.</param>
    /// <param name="timeout">How long a lock is waited for (<see cref="BusyTimeout"/> when null).</param>
    public static string ReadOnly(string path, bool immutable, bool pooling, TimeSpan? timeout = null) => new SqliteConnectionStringBuilder
    {
        DataSource = immutable ? new Uri(path).AbsoluteUri + "?immutable=1" : path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
        DefaultTimeout = (int)(timeout ?? BusyTimeout).TotalSeconds,
    }.ConnectionString;

    /// <summary>
    /// Opens <paramref name="path"/> read-only. SQLite reads a WAL database only where it can make (or find) the -shm file;
    /// in a folder this process cannot write, with no -wal file left (no writer at work), it reads the file as immutable.
    /// </summary>
    public static async Task<(SqliteConnection Connection, bool Immutable)> OpenReadOnlyAsync(string path, bool pooling, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReadOnly(path, immutable: false, pooling));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await QueryAsync(connection, "SELECT count(*) FROM sqlite_master", cancellationToken);
            return (connection, false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen && !File.Exists(path + "-wal"))
        {
            await connection.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        var immutable = new SqliteConnection(ReadOnly(path, immutable: true, pooling));
        try
        {
            await immutable.OpenAsync(cancellationToken);
            await QueryAsync(immutable, "SELECT count(*) FROM sqlite_master", cancellationToken);
            return (immutable, true);
        }
        catch
        {
            await immutable.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first column of every row.</summary>
    public static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }
}
