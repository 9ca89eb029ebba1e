using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Testing;

/// <summary>
/// Monitor Core composed as in production (real SQLite file, production migrations), with a
/// configuration given by the test and a fake clock. Retries do not wait; sources are offline unless
/// the test points them somewhere.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _settings;
    private MonitorCoreApp _host;

    private readonly Action<IServiceCollection>? _services;

    private TestHost(IDictionary<string, string?> configuration, FakeTimeProvider time, Action<IServiceCollection>? services)
    {
        Time = time;
        _services = services;
        var settings = OfflineSources.Settings();
        settings["Sources:Resilience:MaxRetryAttempts"] = "1";
        foreach (var (key, value) in configuration)
        {
            settings[key] = value;
        }

        _settings = settings;
        _host = Build();
    }

    public FakeTimeProvider Time { get; }

    private MonitorCoreApp Build() => MonitorCoreApp.Build(
        new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: _settings),
        services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });

    /// <summary>Stops this Monitor Core and starts a new one on the same database, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await _host.DisposeAsync();
        _host = Build();
        await _host.InitializeDatabaseAsync(default);
    }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <param name="configuration">Settings by key, as the command line gives them.</param>
    /// <param name="time">The clock; a fake one at 2026-11-24 12:00 UTC by default.</param>
    /// <param name="services">Registrations the test adds (another monitor, another channel).</param>
    public static async Task<TestHost> StartAsync(IDictionary<string, string?> configuration, FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var harness = new TestHost(configuration, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)), services);
        await harness._host.InitializeDatabaseAsync(default);
        return harness;
    }

    /// <summary>The configuration problems start-up reports, or none.</summary>
    public static IReadOnlyList<string> ProblemsOf(IDictionary<string, string?> configuration, Action<IServiceCollection>? services = null)
    {
        try
        {
            using var folder = new TempDirectory();
            var host = MonitorCoreApp.Build(new HostSettings(folder.Path, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?>(configuration)), services);
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return [];
        }
        catch (ConfigurationErrorException ex)
        {
            return ex.Problems;
        }
    }

    public MonitorRegistration Registration(string name) => _host.Registry.Get(name);

    public MonitorCoreApp Host => _host;

    /// <summary>Runs the monitor through the real runner: one ledger row, returned.</summary>
    public Task<LedgerEntry> RunAsync(string name, CancellationToken cancellationToken = default) =>
        _host.Runner.RunByNameAsync(name, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }
}
