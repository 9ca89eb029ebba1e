using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace MonitorCore.Data;

/// <summary>PostgreSQL: pooled through one data source; timestamps as timestamptz, JSON as jsonb.</summary>
internal sealed class PostgresDatabase(DatabaseLocation location) : Database(location)
{
    /// <summary>The advisory-lock key that serialises migrators ("MONCORE1").</summary>
    private const long MigrationLockKey = 0x4D4F4E434F524531;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(location.ConnectionString);

    internal override string MigrationFolder => "postgres";

    internal override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public override object ToDb(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public override void AddJson(DbCommand command, string name, string json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    internal override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        command.Add("@key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
