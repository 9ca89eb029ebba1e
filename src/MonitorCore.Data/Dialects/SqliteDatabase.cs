using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>
/// SQLite: one file in WAL mode; timestamps as fixed-width ISO-8601 UTC text so that they sort. A lock held by another
/// process is waited for at most <see cref="SqliteConnections.BusyTimeout"/>. Read-only, the file is opened read-only (as
/// immutable where its folder cannot be written, see <see cref="SqliteConnections.OpenReadOnlyAsync"/>), or, when there is
/// no database yet, an empty one in memory stands in for it.
/// </summary>
internal sealed class SqliteDatabase : Database
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";

    private readonly string _pragmas;
    private string _connectionString;
    private SqliteConnection? _empty;

    public SqliteDatabase(DatabaseLocation location, DatabaseOptions options, bool readOnly)
        : base(location, readOnly)
    {
        _pragmas = $"PRAGMA synchronous={options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA foreign_keys=ON; " +
                   $"PRAGMA busy_timeout={(int)SqliteConnections.BusyTimeout.TotalMilliseconds};";
        _connectionString = new SqliteConnectionStringBuilder(location.ConnectionString)
        {
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)SqliteConnections.BusyTimeout.TotalSeconds,
        }.ConnectionString;
    }

    internal override string MigrationFolder => "sqlite";

    internal override string ListTablesSql => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

    /// <summary>An empty database in memory stands in for the file (a read-only command before any database exists).</summary>
    internal bool StandsInEmpty => _empty is not null;

    /// <summary>Reads the file as immutable from now on (read-only, in a folder this process cannot write).</summary>
    internal void UseImmutable() => _connectionString = SqliteConnections.ReadOnly(Location.FilePath!, immutable: true, pooling: true);

    /// <summary>From now on an empty database in memory, alive until this is disposed, stands in for the missing file.</summary>
    internal async Task UseEmptyAsync(CancellationToken cancellationToken)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"monitorcore-empty-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ConnectionString;
        _empty = new SqliteConnection(_connectionString);
        await _empty.OpenAsync(cancellationToken);
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = _pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Microsoft.Data.Sqlite starts a non-deferred transaction as BEGIN IMMEDIATE.
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Timestamps are stored as UTC text that starts with the day.</summary>
    internal override string UtcDay(string column) => $"substr({column}, 1, 10)";

    public override object ToDb(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    public override void AddJson(DbCommand command, string name, string json) => command.Add(name, json);

    internal override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        if (_empty is not null)
        {
            await _empty.DisposeAsync();
            _empty = null;
        }
    }
}
