using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;

namespace MonitorCore.Hosting.Configuration;

/// <summary>One setting as it is in effect: its value (secrets masked) and where it came from.</summary>
public sealed record ConfigEntry(string Key, string? Value, string Source);

/// <summary>
/// Every setting in effect: each checked options section with its defaults filled in, plus what the
/// configuration holds under Monitor Core's own sections. Values are shown as configuration text (enums
/// by name, durations as hh:mm:ss) with secrets masked.
/// </summary>
public static class EffectiveConfiguration
{
    /// <summary>The top-level sections Monitor Core reads; other keys of a host's configuration are not its settings.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Api", "Database", "Events", "Ledger", "Logging", "Monitors", "Notifications", "Positions", "Sources", "Timers", "Watchdog"];

    private static readonly JsonSerializerOptions AsConfiguration = new() { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<ConfigEntry> Read(IServiceProvider services, IConfigurationRoot configuration)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var check in services.GetServices<OptionsCheck>())
        {
            Flatten(JsonSerializer.SerializeToNode(check.Resolve(services), AsConfiguration), check.Section, values);
        }

        foreach (var (key, value) in configuration.AsEnumerable())
        {
            var top = key.Split(':', 2)[0];
            if (value is not null && !values.ContainsKey(key) && Sections.Contains(top, StringComparer.OrdinalIgnoreCase))
            {
                values[key] = value;
            }
        }

        foreach (var shown in services.GetServices<ShownDefault>())
        {
            var defaults = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Flatten(JsonSerializer.SerializeToNode(shown.Value(services), AsConfiguration), shown.Section, defaults);
            foreach (var (key, value) in defaults)
            {
                // A list the configuration sets replaces the default list whole: none of the default's items show then.
                var list = ListOf(key);
                if (!values.ContainsKey(key) && (list is null || !configuration.GetSection(list).GetChildren().Any()))
                {
                    values[key] = value;
                }
            }
        }

        return [.. values.Select(p => new ConfigEntry(p.Key, SecretMask.Apply(p.Key, p.Value), MonitorCoreConfiguration.SourceOf(configuration, p.Key)))];
    }

    /// <summary>The list a key is an item of (<c>Monitors:latency_monitor:Targets</c> for <c>…:Targets:0:Url</c>), or null.</summary>
    private static string? ListOf(string key)
    {
        var parts = key.Split(':');
        var index = Array.FindIndex(parts, p => p.Length > 0 && p.All(char.IsAsciiDigit));
        return index > 0 ? string.Join(':', parts[..index]) : null;
    }

    private static void Flatten(JsonNode? node, string path, IDictionary<string, string?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(child, $"{path}:{key}", values);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}:{i}", values);
                }

                break;
            case JsonValue value:
                values[path] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
            default:
                values[path] = null;
                break;
        }
    }
}
