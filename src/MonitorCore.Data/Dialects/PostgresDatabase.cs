using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace MonitorCore.Data;

/// <summary>PostgreSQL: pooled through one data source; timestamps as timestamptz, JSON as jsonb.</summary>
internal sealed class PostgresDatabase(DatabaseLocation location, bool readOnly) : Database(location, readOnly)
{
    /// <summary>The advisory-lock key that serialises migrators ("MONCORE1").</summary>
    private const long MigrationLockKey = 0x4D4F4E434F524531;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(readOnly ? ReadOnlyConnection(location.ConnectionString) : location.ConnectionString);

    internal override string MigrationFolder => "postgres";

    internal override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    internal override string ListTablesSql =>
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";

    /// <summary>Every transaction of the session is read-only: the server refuses any write.</summary>
    private static string ReadOnlyConnection(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = ((builder.Options ?? "") + " -c default_transaction_read_only=on").Trim();
        return builder.ConnectionString;
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    internal override string UtcDay(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

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

    internal override async Task NotifyAsync(
        DbConnection connection, DbTransaction transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_notify(@channel, @payload)";
        command.Add("@channel", channel);
        command.Add("@payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// LISTENs on a connection outside the pool (it stays open for as long as the listener runs), with
    /// keepalives so that a connection that died silently is noticed by <c>WaitAsync</c>.
    /// </summary>
    internal override async Task<bool> ListenAsync(string channel, Action listening, Action notified, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(Location.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = ListenerApplicationName,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == channel)
            {
                notified();
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The <c>application_name</c> of the listening connections (to find them in <c>pg_stat_activity</c>).</summary>
    internal const string ListenerApplicationName = "monitorcore-events";

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
