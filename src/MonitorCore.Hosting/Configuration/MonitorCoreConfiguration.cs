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
        try
        {
            return (DatabaseLocation.Parse(demo ? DataMode.DemoDefault : named, settings.BaseDirectory), demo);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or InvalidOperationException)
        {
            throw new ConfigurationErrorException(
                $"{DatabaseKey} (--db, MONITORCORE_DB): not a SQLite path, a PostgreSQL connection string (Host=…) or a postgres:// URL: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The config file to read, or null when there is none: <c>--config</c> must name a file that exists; a folder, or
    /// a file this user may not reach, is refused with a message (exit 2), whether named or found in the working directory.
    /// </summary>
    private static string? ConfigFile(HostSettings settings)
    {
        if (settings.ConfigFile is { } given && (string.IsNullOrWhiteSpace(given) || given.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ConfigurationErrorException($"--config '{given.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a file name.");
        }

        var file = settings.ConfigFile is null
            ? Path.Combine(settings.BaseDirectory, HostSettings.DefaultConfigFile)
            : Path.GetFullPath(settings.ConfigFile, settings.BaseDirectory);
        var named = settings.ConfigFile is null ? "" : " (from --config)";
        try
        {
            if ((File.GetAttributes(file) & FileAttributes.Directory) != 0)
            {
                throw new ConfigurationErrorException($"The config file {file}{named} is a folder, not a file.");
            }

            return file;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return settings.ConfigFile is null ? null : throw new ConfigurationErrorException($"The config file {file}{named} does not exist.");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationErrorException($"The config file {file}{named} cannot be read (permission denied on its folder): give this user access, or name another file.", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationErrorException($"The config file {file}{named} cannot be read: {ex.Message}", ex);
        }
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
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ConfigurationErrorException($"The config file {file ?? ConfigFile(settings)} cannot be read: {ex.Message}", ex);
        }
    }

    private static ConfigurationErrorException BadFile(string? file, InvalidDataException ex) =>
        new($"The config file {file} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
}
