using Microsoft.Extensions.Configuration;
using MonitorCore.Data;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Hosting.Operations;

/// <summary>Every setting in effect, with where it came from; secrets masked.</summary>
public sealed record ConfigView(IReadOnlyList<ConfigEntry> Settings);

/// <summary>The effective configuration (<c>monitorcore config show</c>).</summary>
public sealed class ConfigOperations(IServiceProvider services, IConfiguration configuration, Database database)
{
    public ConfigView Show()
    {
        var root = (IConfigurationRoot)configuration;
        var entries = EffectiveConfiguration.Read(services, root)
            .Select(e => e.Key.Equals("Database:Connection", StringComparison.OrdinalIgnoreCase) ? e with { Value = database.Location.Display } : e)
            .ToList();
        if (!entries.Any(e => e.Key.Equals("Database:Connection", StringComparison.OrdinalIgnoreCase)))
        {
            entries.Add(new ConfigEntry("Database:Connection", database.Location.Display, MonitorCoreConfiguration.SourceOf(root, "Database:Connection")));
        }

        return new ConfigView([.. entries.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)]);
    }
}
