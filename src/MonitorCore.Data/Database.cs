using System.Data.Common;

namespace MonitorCore.Data;

/// <summary>
/// One database, SQLite or PostgreSQL. Shared SQL lives in the repositories; this type holds only
/// what differs between the two: opening a connection, timestamps, JSON parameters, write locks.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    protected Database(DatabaseLocation location, bool readOnly)
    {
        Location = location;
        ReadOnly = readOnly;
    }

    public DatabaseLocation Location { get; }

    /// <summary>
    /// Opened only to read (a command that only reads): SQLite opens the file read-only, PostgreSQL's transactions are
    /// read-only; nothing is created, migrated, moved or written (docs/behaviour.md §9).
    /// </summary>
    public bool ReadOnly { get; }

    public DatabaseProvider Provider => Location.Provider;

    /// <summary>The folder of this dialect's migration scripts.</summary>
    internal abstract string MigrationFolder { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that holds the write lock from its first statement.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A timestamp as this database stores it.</summary>
    public abstract object ToDb(DateTimeOffset value);

    public abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>The UTC day of a timestamp column as <c>yyyy-MM-dd</c> text.</summary>
    internal abstract string UtcDay(string column);

    /// <summary>Appended to a row-selecting subquery so that concurrent claimers skip each other's rows (PostgreSQL).</summary>
    internal virtual string SkipLockedClause => "";

    /// <summary>Adds a parameter holding JSON text (jsonb on PostgreSQL).</summary>
    public abstract void AddJson(DbCommand command, string name, string json);

    /// <summary>
    /// Tells the listeners of <paramref name="channel"/> when <paramref name="transaction"/> commits
    /// (PostgreSQL <c>pg_notify</c>, delivered at commit and not at all on rollback); nothing on SQLite.
    /// </summary>
    internal virtual Task NotifyAsync(DbConnection connection, DbTransaction transaction, string channel, string payload, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Listens on <paramref name="channel"/> on a connection of its own (see <c>IEventLog.ListenAsync</c>);
    /// false at once where the database has no notifications (SQLite).
    /// </summary>
    internal virtual Task<bool> ListenAsync(string channel, Action listening, Action notified, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>Lists the tables of the database's schema (what tells a Monitor Core database from another application's).</summary>
    internal abstract string ListTablesSql { get; }

    /// <summary>Serialises concurrent migrators (an advisory lock on PostgreSQL, the write lock on SQLite).</summary>
    internal abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <param name="location">Where the database is.</param>
    /// <param name="options">The <c>Database</c> options.</param>
    /// <param name="readOnly">Open it only to read (see <see cref="ReadOnly"/>).</param>
    public static Database Create(DatabaseLocation location, DatabaseOptions? options = null, bool readOnly = false) => location.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDatabase(location, options ?? new DatabaseOptions(), readOnly),
        _ => new PostgresDatabase(location, readOnly),
    };
}
