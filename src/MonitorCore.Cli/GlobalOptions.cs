using System.CommandLine;

namespace MonitorCore.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public const string DbName = "--db";
    public const string ConfigName = "--config";
    public const string JsonName = "--json";
    public const string DemoName = "--demo";

    public static Option<string?> Db() => new(DbName)
    {
        Description = "The database: a SQLite file path, or a PostgreSQL connection string (Host=…) or postgres:// URL. " +
                      "Default: $MONITORCORE_DB, then Database:Connection, then ./data/monitorcore.db.",
        HelpName = "PATH|CONNECTION-STRING",
        Recursive = true,
    };

    public static Option<string?> Config() => new(ConfigName)
    {
        Description = "The JSON config file. Default: monitorcore.json in the working directory, if present.",
        HelpName = "FILE",
        Recursive = true,
    };

    public static Option<bool> Json() => new(JsonName)
    {
        Description = "Print machine-readable JSON (snake_case keys) instead of text.",
        Recursive = true,
    };

    public static Option<bool> Demo() => new(DemoName)
    {
        Description = "Use the in-process demo market (seeded prices and a demo wallet) instead of CoinGecko, Yahoo and Jupiter; no network.",
        Recursive = true,
    };
}
