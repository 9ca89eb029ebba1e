namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// What a host knows before configuration is read: its working directory, its environment, and
/// the command line's <c>--config</c> and <c>--db</c>.
/// </summary>
/// <param name="BaseDirectory">Relative paths in configuration are relative to this folder.</param>
/// <param name="Environment">The environment variables to read (the process's, or a test's).</param>
/// <param name="ConfigFile">An explicit config file (<c>--config</c>); it must exist.</param>
/// <param name="Database">An explicit database (<c>--db</c>); wins over everything else.</param>
/// <param name="Overrides">Other command-line settings, by configuration key.</param>
/// <param name="ReadOnly">The command only reads: the database is opened read-only and never created, migrated or moved.</param>
public sealed record HostSettings(
    string BaseDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    string? ConfigFile = null,
    string? Database = null,
    IReadOnlyDictionary<string, string?>? Overrides = null,
    bool ReadOnly = false)
{
    public const string DefaultConfigFile = "monitorcore.json";

    public static IReadOnlyDictionary<string, string?> ReadEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
