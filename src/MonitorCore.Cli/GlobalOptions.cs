using System.CommandLine;

namespace MonitorCore.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "The database: a SQLite file path, or a PostgreSQL connection string (Host=…) or postgres:// URL. " +
                      "Default: $MONITORCORE_DB, then Database:Connection, then ./data/monitorcore.db.",
        HelpName = "PATH|CONNECTION-STRING",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "The JSON config file. Default: monitorcore.json in the working directory, if present.",
        HelpName = "FILE",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON (snake_case keys) instead of text.",
        Recursive = true,
    };
}
