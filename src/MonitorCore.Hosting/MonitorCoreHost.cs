using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Data;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting;

/// <summary>
/// A built Monitor Core: configuration read and checked, services composed. Used by the CLI's
/// commands and by tests; the database is made ready with <see cref="InitializeDatabaseAsync"/>.
/// </summary>
public sealed class MonitorCoreHost : IAsyncDisposable
{
    private MonitorCoreHost(IConfigurationRoot configuration, ServiceProvider services)
    {
        Configuration = configuration;
        Services = services;
    }

    public IConfigurationRoot Configuration { get; }

    public ServiceProvider Services { get; }

    public MonitorCoreController Controller => Services.GetRequiredService<MonitorCoreController>();

    public Database Database => Services.GetRequiredService<Database>();

    /// <summary>
    /// Reads the configuration and composes the services. Bad configuration throws
    /// <see cref="ConfigurationErrorException"/> naming each bad key.
    /// </summary>
    public static MonitorCoreHost Build(HostSettings settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = MonitorCoreConfiguration.Build(settings);
        var services = new ServiceCollection();
        services.AddMonitorCore(configuration, settings);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var problems = ConfiguredOptions.Validate(provider);
        try
        {
            if (problems.Count == 0)
            {
                _ = provider.GetRequiredService<MonitorRegistry>();
                _ = provider.GetRequiredService<Database>();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            problems = [.. problems, ex.Message];
        }

        if (problems.Count > 0)
        {
            provider.Dispose();
            throw new ConfigurationErrorException(problems);
        }

        return new MonitorCoreHost(configuration, provider);
    }

    /// <summary>
    /// Makes the database ready (corruption check, WAL, migrations); returns what it did. The full
    /// integrity check reads the whole file, so only long-lived starts ask for it.
    /// </summary>
    public Task<DatabaseInitReport> InitializeDatabaseAsync(CancellationToken cancellationToken, bool integrityCheck = false) =>
        Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken, integrityCheck);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        DatabaseInitializer.ReleaseSqliteFiles();
    }
}
