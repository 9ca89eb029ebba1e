using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>SQLite: one file in WAL mode; timestamps as fixed-width ISO-8601 UTC text so that they sort.</summary>
internal sealed class SqliteDatabase(DatabaseLocation location, DatabaseOptions options) : Database(location)
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";

    private readonly string _pragmas =
        $"PRAGMA synchronous={options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    internal override string MigrationFolder => "sqlite";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(Location.ConnectionString);
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

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
