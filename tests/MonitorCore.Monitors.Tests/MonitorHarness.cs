using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Monitors.Tests;

/// <summary>
/// Monitor Core composed as in production (real SQLite file, production migrations), with a
/// configuration given by the test and a fake clock. Retries do not wait.
/// </summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly MonitorCoreHost _host;

    private MonitorHarness(IDictionary<string, string?> configuration, FakeTimeProvider time)
    {
        Time = time;
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Resilience:RetryBaseDelay"] = "00:00:00",
            ["Sources:Resilience:MaxRetryAttempts"] = "1",
        };
        foreach (var (key, value) in configuration)
        {
            settings[key] = value;
        }

        _host = MonitorCoreHost.Build(
            new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: settings),
            services => services.AddSingleton<TimeProvider>(time));
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<MonitorHarness> StartAsync(IDictionary<string, string?> configuration, FakeTimeProvider? time = null)
    {
        var harness = new MonitorHarness(configuration, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        await harness._host.InitializeDatabaseAsync(default);
        return harness;
    }

    /// <summary>The configuration problems start-up reports, or none.</summary>
    public static IReadOnlyList<string> ProblemsOf(IDictionary<string, string?> configuration)
    {
        try
        {
            using var folder = new TempDirectory();
            var host = MonitorCoreHost.Build(new HostSettings(folder.Path, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?>(configuration)));
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return [];
        }
        catch (ConfigurationErrorException ex)
        {
            return ex.Problems;
        }
    }

    public MonitorRegistration Registration(string name) => _host.Controller.Registry.Get(name);

    /// <summary>Runs the monitor through the real runner: one ledger row, returned.</summary>
    public Task<LedgerEntry> RunAsync(string name, CancellationToken cancellationToken = default) =>
        _host.Controller.RunByNameAsync(name, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }
}
