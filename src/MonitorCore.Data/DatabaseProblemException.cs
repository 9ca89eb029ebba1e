namespace MonitorCore.Data;

/// <summary>
/// The database cannot be used as it is: a path that is not Monitor Core's database (a text file, another
/// application's database, a folder), one this process cannot reach, a schema that needs upgrading first, a damaged
/// file, a lock held too long. The message says what and what to do; <see cref="BadInput"/> tells a wrong path or
/// setting (CLI exit 2) from a database that cannot do its work now (exit 1).
/// </summary>
public sealed class DatabaseProblemException(string message, bool badInput, Exception? inner = null) : Exception(message, inner)
{
    public bool BadInput { get; } = badInput;
}
