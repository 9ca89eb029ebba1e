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

    private TestHost(IDictionary<string, string?> configuration, FakeTimeProvider time)
    {
        Time = time;
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
        services => services.AddSingleton<TimeProvider>(Time));

    /// <summary>Stops this Monitor Core and starts a new one on the same database, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await _host.DisposeAsync();
        _host = Build();
        await _host.InitializeDatabaseAsync(default);
    }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<TestHost> StartAsync(IDictionary<string, string?> configuration, FakeTimeProvider? time = null)
    {
        var harness = new TestHost(configuration, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        await harness._host.InitializeDatabaseAsync(default);
        return harness;
    }

    /// <summary>The configuration problems start-up reports, or none.</summary>
    public static IReadOnlyList<string> ProblemsOf(IDictionary<string, string?> configuration)
    {
        try
        {
            using var folder = new TempDirectory();
            var host = MonitorCoreApp.Build(new HostSettings(folder.Path, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?>(configuration)));
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
