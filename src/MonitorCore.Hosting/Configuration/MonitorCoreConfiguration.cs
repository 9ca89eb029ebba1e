using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using MonitorCore.Data;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Sources;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// Monitor Core's configuration sources, lowest precedence first: defaults (in the options types), the
/// JSON config file, the runtime settings (<c>system_vars</c>), the legacy environment names,
/// <c>MONITORCORE_*</c> variables, the command line (docs/behaviour.md §8).
/// </summary>
public static class MonitorCoreConfiguration
{
    /// <summary>Where the default database of demo mode comes from, as <c>config show</c> names it.</summary>
    public const string DemoDatabaseSource = "default (demo mode)";

    private const string DatabaseKey = "Database:Connection";

    /// <summary>The configuration of <paramref name="settings"/>, on its own (not part of a host).</summary>
    public static IConfigurationRoot Build(HostSettings settings)
    {
        var builder = new ConfigurationBuilder();
        AddSources(builder, settings);
        return Build(builder, settings);
    }

    /// <summary>
    /// Adds Monitor Core's sources to a configuration (a host's <c>builder.Configuration</c>): they come after,
    /// and so win over, whatever the host added before. Bad JSON or a missing <c>--config</c> file throws
    /// <see cref="ConfigurationErrorException"/>.
    /// </summary>
    public static void AddSources(IConfigurationBuilder builder, HostSettings settings)
    {
        var file = ConfigFile(settings);
        var (database, demoDefault) = DatabaseOf(settings, file);
        try
        {
            if (demoDefault)
            {
                builder.Add(new NamedSource(DemoDatabaseSource, new Dictionary<string, string?> { [DatabaseKey] = DataMode.DemoDefault }));
            }

            AddFile(builder, file, settings);
            builder.Add(new RuntimeSettingsSource(() => RuntimeSettingsReader.Read(database)));
            AddEnvironmentAndCommandLine(builder, settings);
        }
        catch (InvalidDataException ex)
        {
            throw BadFile(file, ex);
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

    /// <summary>The runtime settings layer of a configuration built here, or null.</summary>
    public static RuntimeSettingsSource.Provider? RuntimeLayer(IConfigurationRoot configuration) =>
        configuration.Providers.OfType<RuntimeSettingsSource.Provider>().FirstOrDefault();

    /// <summary>
    /// The database the runtime settings are read from: resolved from every other source first, because
    /// the runtime layer lives in that database and cannot move it. In demo mode (<c>Sources:Mode</c> Demo) with
    /// no database named, the demo's own database (<see cref="DataMode.DemoDefault"/>, docs/behaviour.md §8).
    /// </summary>
    private static (DatabaseLocation Location, bool DemoDefault) DatabaseOf(HostSettings settings, string? file)
    {
        var builder = new ConfigurationBuilder();
        AddFile(builder, file, settings);
        AddEnvironmentAndCommandLine(builder, settings);
        var preliminary = Build(builder, settings, file);
        var named = preliminary[DatabaseKey];
        var demo = string.IsNullOrWhiteSpace(named)
                   && string.Equals(preliminary["Sources:Mode"]?.Trim(), nameof(SourceMode.Demo), StringComparison.OrdinalIgnoreCase);
        return (DatabaseLocation.Parse(demo ? DataMode.DemoDefault : named, settings.BaseDirectory), demo);
    }

    private static string? ConfigFile(HostSettings settings)
    {
        var file = settings.ConfigFile is null
            ? Path.Combine(settings.BaseDirectory, HostSettings.DefaultConfigFile)
            : Path.GetFullPath(settings.ConfigFile, settings.BaseDirectory);
        if (settings.ConfigFile is not null && !File.Exists(file))
        {
            throw new ConfigurationErrorException($"The config file {file} (from --config) does not exist.");
        }

        return File.Exists(file) ? file : null;
    }

    private static void AddFile(IConfigurationBuilder builder, string? file, HostSettings settings)
    {
        if (file is not null)
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        var manifest = Path.Combine(settings.BaseDirectory, ManifestSource.RelativePath);
        if (File.Exists(manifest))
        {
            builder.Add(new ManifestSource(manifest));
        }
    }

    /// <summary>
    /// Where each key of the config file and the manifest is written, and the problems only the files show: a key
    /// written twice in one object, and a monitor entry in both files.
    /// </summary>
    public static (IReadOnlyList<JsonLines> Files, IReadOnlyList<string> Problems) Lines(IConfigurationRoot configuration, string baseDirectory)
    {
        var files = new List<JsonLines>();
        foreach (var provider in configuration.Providers)
        {
            var (path, prefix) = provider switch
            {
                JsonConfigurationProvider json when json.Source.Path is { } p => (json.Source.FileProvider?.GetFileInfo(p).PhysicalPath ?? p, null),
                ManifestSource.Provider manifest => (manifest.Path, "Monitors"),
                _ => ((string?)null, (string?)null),
            };
            if (path is null || !File.Exists(path))
            {
                continue;
            }

            var shown = Path.GetRelativePath(baseDirectory, path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;
            files.Add(JsonLines.Scan(shown, File.ReadAllBytes(path), prefix));
        }

        var problems = files.SelectMany(f => f.Duplicates).ToList();
        if (files.Count == 2)
        {
            var monitors = files[0].Keys.Where(k => k.Split(':') is ["Monitors", _]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            problems.AddRange(files[1].Keys.Where(monitors.Contains).Select(k =>
                $"{k}: in both {files[0].File} (line {files[0].LineOf(k)}) and {files[1].File} (line {files[1].LineOf(k)}); a monitor is configured in one place"));
        }

        return (files, problems);
    }

    private static void AddEnvironmentAndCommandLine(IConfigurationBuilder builder, HostSettings settings)
    {
        builder.Add(new LegacyEnvironmentSource(settings.Environment));
        builder.Add(new PrefixedEnvironmentSource(settings.Environment));
        var commandLine = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>());
        if (settings.Database is not null)
        {
            commandLine["Database:Connection"] = settings.Database;
        }

        builder.Add(new NamedSource("command line", commandLine));
    }

    private static IConfigurationRoot Build(ConfigurationBuilder builder, HostSettings settings, string? file = null)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw BadFile(file ?? ConfigFile(settings), ex);
        }
    }

    private static ConfigurationErrorException BadFile(string? file, InvalidDataException ex) =>
        new($"The config file {file} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
}
