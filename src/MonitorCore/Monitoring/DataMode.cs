using System.Text.Json;
using MonitorCore.Settings;

namespace MonitorCore.Monitoring;

/// <summary>The sources of the market data a database holds: those of its stored prices and positions.</summary>
public interface IStoredSources
{
    /// <summary>Every distinct <c>source</c> of the stored prices and positions (<c>coingecko</c>, <c>jupiter</c>, <c>file</c>, <c>demo</c>).</summary>
    Task<IReadOnlyCollection<string>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A command in one market mode met a database that holds the other mode's data.</summary>
public sealed class DataModeMismatchException(string message) : Exception(message);

/// <summary>
/// Whether a database holds the demo market's data or live data (docs/behaviour.md §8): the marker
/// <c>data_mode</c> in <c>system_vars</c>, stamped by the first command that writes into the database; for a
/// database made before the marker existed, the sources of its stored prices and positions (any source but
/// <c>demo</c> is live data). The status label comes from here, never from the reader's <c>--demo</c>.
/// </summary>
public sealed class DataMode(ISystemVarStore systemVars, IStoredSources sources)
{
    public const string Key = "data_mode";

    public const string Live = "live";

    public const string Demo = "demo";

    /// <summary><c>live</c> or <c>demo</c> as the data says; null for a database that holds no market data and no marker.</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        Marker(await systemVars.GetRawAsync(Key, cancellationToken)) ?? Infer(await sources.ListAsync(cancellationToken));

    /// <summary>
    /// Before a command writes: refuses (<see cref="DataModeMismatchException"/>) when the database holds the other
    /// mode's data, and stamps the marker when there is none yet.
    /// </summary>
    /// <param name="mode">The command's market mode.</param>
    /// <param name="database">The database as it is safe to show, for the message.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task EnsureAsync(MarketMode mode, string database, CancellationToken cancellationToken)
    {
        var raw = await systemVars.GetRawAsync(Key, cancellationToken);
        var marker = Marker(raw);
        var held = marker ?? Infer(await sources.ListAsync(cancellationToken));
        if (held is not null && held != mode.Label)
        {
            throw new DataModeMismatchException(mode.Demo
                ? $"The database {database} holds live data: the demo market (--demo) never writes into it. " +
                  $"Leave out --db (and MONITORCORE_DB, Database:Connection) to run the demo on its own database ({DemoDefault}), name another one, or run without --demo."
                : $"The database {database} holds demo data (made with --demo): live runs never write into it. " +
                  "Add --demo to keep using it, or point --db at another database (the default is ./data/monitorcore.db).");
        }

        if (raw is null)
        {
            await systemVars.SetRawAsync(Key, JsonSerializer.Serialize(mode.Label), cancellationToken);
        }
    }

    /// <summary>Where demo mode keeps its data when no database is named.</summary>
    public const string DemoDefault = "./data/demo.db";

    private static string? Marker(string? raw)
    {
        try
        {
            return raw is null ? null : JsonSerializer.Deserialize<string>(raw) is { } word && (word == Live || word == Demo) ? word : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Infer(IReadOnlyCollection<string> stored) =>
        stored.Any(s => !s.Equals(Demo, StringComparison.OrdinalIgnoreCase)) ? Live
        : stored.Count > 0 ? Demo
        : null;
}
