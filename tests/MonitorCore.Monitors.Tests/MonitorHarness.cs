using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Monitoring;

namespace MonitorCore.Monitors.Tests;

/// <summary>The built-in monitors composed from a configuration, on a fake clock.</summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public MonitorHarness(IDictionary<string, string?> configuration, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddBuiltInMonitors(config);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public IReadOnlyList<string> ConfigurationProblems => ConfiguredOptions.Validate(_services);

    public MonitorRegistration Registration(string name) =>
        _services.GetServices<MonitorRegistration>().Single(r => r.Name == name);

    public Task<MonitorResult> RunAsync(string name, CancellationToken cancellationToken = default)
    {
        var scope = _services.CreateScope();
        var monitor = Registration(name).Factory(scope.ServiceProvider);
        return monitor.RunAsync(new MonitorContext(name, null, Time.GetUtcNow(), scope.ServiceProvider), cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
