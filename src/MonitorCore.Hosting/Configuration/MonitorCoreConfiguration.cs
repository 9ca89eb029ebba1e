using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// Builds the configuration, lowest precedence first: defaults (in the options types), the JSON
/// config file, the legacy environment names, <c>MONITORCORE_*</c> variables, the command line.
/// </summary>
public static class MonitorCoreConfiguration
{
    public static IConfigurationRoot Build(HostSettings settings)
    {
        var builder = new ConfigurationBuilder();
        var file = settings.ConfigFile is null
            ? Path.Combine(settings.BaseDirectory, HostSettings.DefaultConfigFile)
            : Path.GetFullPath(settings.ConfigFile, settings.BaseDirectory);
        if (settings.ConfigFile is not null && !File.Exists(file))
        {
            throw new ConfigurationErrorException($"The config file {file} (from --config) does not exist.");
        }

        if (File.Exists(file))
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        builder.Add(new LegacyEnvironmentSource(settings.Environment));
        builder.Add(new PrefixedEnvironmentSource(settings.Environment));
        var commandLine = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>());
        if (settings.Database is not null)
        {
            commandLine["Database:Connection"] = settings.Database;
        }

        builder.Add(new NamedSource("command line", commandLine));

        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new ConfigurationErrorException($"The config file {file} is not valid JSON: {reason}", ex);
        }
    }

    /// <summary>Where the effective value of <paramref name="key"/> comes from: a provider's name, or "default".</summary>
    public static string SourceOf(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider switch
                {
                    INamedConfigurationProvider named => named.SourceName,
                    JsonConfigurationProvider json => "file " + json.Source.Path,
                    _ => provider.ToString() ?? "unknown",
                };
            }
        }

        return "default";
    }
}
