using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;
using MonitorCore.Configuration;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// Finds settings nothing reads: a key under no checked options section (a typo like <c>Notifcations</c> or
/// <c>Monitors:latncy_monitor</c>), and log levels that are not levels. A typo must never silently leave a
/// warning unconfigured: start-up stops, naming the key and the nearest one that exists.
/// </summary>
public static class UnknownSettings
{
    /// <summary>
    /// Sections read without an options type: logging, the API's (bound only when the API runs), the timer file's path, and
    /// <c>urls</c>, which the web host writes into every configuration source when it takes <c>Api:Urls</c>.
    /// </summary>
    private static readonly string[] FreeForm = ["Logging", "Api", "Timers:Path", "urls"];

    public static IReadOnlyList<string> Find(IConfigurationRoot configuration, IEnumerable<OptionsCheck> checks)
    {
        var sections = checks.Select(c => c.Section).Concat(FreeForm).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var problems = new List<string>();
        foreach (var key in OwnKeys(configuration).Order(StringComparer.OrdinalIgnoreCase))
        {
            if (sections.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            problems.Add($"{key}: no such setting{Suggest(key, sections)}. It is read by nothing, so it is refused rather than ignored.");
        }

        return problems;
    }

    /// <summary>
    /// Log levels that are not levels (<c>Logging:LogLevel:Default = Verbose</c>, or a level under a provider). Checked before
    /// the host is built: the logging library would throw from deep inside it with no key named.
    /// </summary>
    public static IReadOnlyList<string> BadLogLevels(IConfiguration configuration) =>
        configuration.GetSection("Logging").AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Key.Split(':') is var parts && parts.Length >= 3
                && parts[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase)
                && !Enum.TryParse<LogLevel>(kv.Value, true, out _))
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Select(kv => $"{kv.Key}: '{kv.Value}' is not a log level; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}.")
            .ToList();

    /// <summary>Keys Monitor Core's own sources hold (the file, the runtime settings, the environment, the command line): not a host's.</summary>
    private static IEnumerable<string> OwnKeys(IConfigurationRoot configuration) =>
        configuration.Providers
            .Where(p => p is INamedConfigurationProvider or JsonConfigurationProvider)
            .SelectMany(p => KeysOf(p, null))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key with a value under <paramref name="parent"/>, read from the provider as loaded (nothing is loaded again).</summary>
    private static IEnumerable<string> KeysOf(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            var path = parent is null ? child : parent + ":" + child;
            if (provider.TryGet(path, out var value) && value is not null)
            {
                yield return path;
            }

            foreach (var deeper in KeysOf(provider, path))
            {
                yield return deeper;
            }
        }
    }

    /// <summary>" (did you mean X?)" for the deepest part of the key that no section has, or "".</summary>
    private static string Suggest(string key, IReadOnlyList<string> sections)
    {
        var parts = key.Split(':');
        for (var depth = 1; depth <= parts.Length; depth++)
        {
            var prefix = string.Join(':', parts.Take(depth));
            var known = sections
                .Select(s => s.Split(':'))
                .Where(s => s.Length >= depth && string.Join(':', s.Take(depth - 1)).Equals(string.Join(':', parts.Take(depth - 1)), StringComparison.OrdinalIgnoreCase))
                .Select(s => string.Join(':', s.Take(depth)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (!known.Contains(prefix, StringComparer.OrdinalIgnoreCase))
            {
                return Spelling.Nearest(prefix, known) is { } near ? $" (did you mean {near}?)" : "";
            }
        }

        return "";
    }
}
