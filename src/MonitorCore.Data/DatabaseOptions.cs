namespace MonitorCore.Data;

/// <summary>How SQLite commits. <c>Normal</c> (with WAL) survives a process crash or kill;
/// <c>Full</c> also survives a power loss, at one disk flush per commit.</summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}

/// <summary>Options of the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>A SQLite path or PostgreSQL connection string; <c>--db</c> and <c>MONITORCORE_DB</c> override it.</summary>
    public string? Connection { get; set; }

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Run SQLite's quick integrity check when the service starts and on <c>db migrate</c> (other commands check the file's header only).</summary>
    public bool IntegrityCheckOnStart { get; set; } = true;
}
