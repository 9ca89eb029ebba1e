using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonitorCore.Configuration;
using MonitorCore.Data;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Operations;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting;

/// <summary>
/// Monitor Core composed on a .NET host and checked, ready for a one-shot command, a test or the service:
/// the configuration read, the services registered, every option validated (bad ones named by key), the
/// monitor registry built. Its hosted services (the scheduler, the dispatcher) run only when the host is
/// started (<see cref="RunAsync"/>).
/// </summary>
public sealed class MonitorCoreApp : IAsyncDisposable
{
    private readonly IHost _host;

    private MonitorCoreApp(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IConfigurationRoot Configuration => (IConfigurationRoot)_host.Services.GetRequiredService<IConfiguration>();

    /// <summary>Every use case; what the faces call.</summary>
    public MonitorCoreOperations Operations => _host.Services.GetRequiredService<MonitorCoreOperations>();

    public MonitorRunner Runner => _host.Services.GetRequiredService<MonitorRunner>();

    public MonitorRegistry Registry => _host.Services.GetRequiredService<MonitorRegistry>();

    /// <summary>
    /// Builds Monitor Core for <paramref name="settings"/> on the empty host builder (no defaults: a fast
    /// start; the caller adds logging). Bad configuration throws <see cref="ConfigurationErrorException"/>
    /// naming each bad key.
    /// </summary>
    /// <param name="settings">The working directory, environment and command-line settings.</param>
    /// <param name="configureServices">Changes to the services (tests swap the clock).</param>
    /// <param name="configureHost">Changes to the host builder (the CLI adds logging).</param>
    public static MonitorCoreApp Build(
        HostSettings settings, Action<IServiceCollection>? configureServices = null, Action<IHostApplicationBuilder>? configureHost = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "monitorcore",
            ContentRootPath = settings.BaseDirectory,
            DisableDefaults = true,
        });
        return Build(builder, settings, configureServices, configureHost);
    }

    public static MonitorCoreApp Build(
        HostApplicationBuilder builder, HostSettings settings, Action<IServiceCollection>? configureServices = null, Action<IHostApplicationBuilder>? configureHost = null) =>
        Build(builder, b => b.Build(), settings, configureServices, configureHost);

    /// <summary>
    /// Builds Monitor Core on a host builder the caller made (the service's generic host, or a web host with the
    /// API): <paramref name="build"/> builds the host once Monitor Core and the caller's changes are registered.
    /// </summary>
    public static MonitorCoreApp Build<TBuilder>(
        TBuilder builder,
        Func<TBuilder, IHost> build,
        HostSettings settings,
        Action<IServiceCollection>? configureServices = null,
        Action<IHostApplicationBuilder>? configureHost = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddMonitorCore(settings);
        configureHost?.Invoke(builder);
        configureServices?.Invoke(builder.Services);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        if (UnknownSettings.BadLogLevels(builder.Configuration) is { Count: > 0 } levels)
        {
            throw new ConfigurationErrorException(levels);
        }

        var host = build(builder);
        var problems = Check(host.Services);
        if (problems.Count > 0)
        {
            host.Dispose();
            DatabaseInitializer.ReleaseSqliteFiles();
            throw new ConfigurationErrorException(problems);
        }

        return new MonitorCoreApp(host);
    }

    /// <summary>Every option validated, the registry and the database location resolved; the problems, empty when all is well.</summary>
    private static List<string> Check(IServiceProvider services)
    {
        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();
        var (files, fileProblems) = MonitorCoreConfiguration.Lines(configuration, services.GetRequiredService<HostSettings>().BaseDirectory);
        var problems = fileProblems
            .Concat(ConfiguredOptions.Validate(services))
            .Concat(UnknownSettings.Find(configuration, services.GetServices<OptionsCheck>()))
            .Select(p => JsonLines.Locate(p, files))
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        try
        {
            _ = services.GetRequiredService<MonitorRegistry>();
            _ = services.GetRequiredService<Database>();
            return [];
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or UriFormatException)
        {
            return [ex.Message];
        }
    }

    /// <summary>
    /// Makes the database ready for writing (corruption check, WAL, migrations, the market mode of its data
    /// checked); returns what it did. The full integrity check reads the whole file, so only long-lived starts ask for it.
    /// </summary>
    public Task<DatabaseInitReport> InitializeDatabaseAsync(CancellationToken cancellationToken, bool integrityCheck = false) =>
        Operations.Storage.InitializeAsync(integrityCheck, cancellationToken);

    /// <summary>
    /// Makes a read-only database ready for a command that only reads: checked, never created, migrated or moved; a database
    /// that does not exist yet reads as a new one would (see <see cref="DatabaseInitializer.PrepareForReadingAsync"/>).
    /// </summary>
    public Task<DatabaseInitReport> PrepareDatabaseForReadingAsync(CancellationToken cancellationToken) =>
        _host.Services.GetRequiredService<DatabaseInitializer>().PrepareForReadingAsync(cancellationToken);

    /// <summary>Runs the host (the scheduler, the dispatcher, the settings watcher) until <paramref name="cancellationToken"/> or a stop signal.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _host.RunAsync(cancellationToken);

    /// <summary>Starts the host's services (and a web host's server) and returns; <see cref="StopAsync"/> stops them.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        DatabaseInitializer.ReleaseSqliteFiles();
    }
}
