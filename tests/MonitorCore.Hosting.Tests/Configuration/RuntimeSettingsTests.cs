using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;

namespace MonitorCore.Hosting.Tests.Configuration;

/// <summary>Runtime settings changed in one process reach a running service in another, from its next run.</summary>
public sealed class RuntimeSettingsTests : IAsyncLifetime
{
    private const string Threshold = "Monitors:liquid_monitor:ThresholdPercent";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private MonitorCoreApp _service = null!;
    private MonitorCoreApp _other = null!;

    public async Task InitializeAsync()
    {
        _service = Build(services => services.AddSingleton<TimeProvider>(_time));
        await _service.InitializeDatabaseAsync(default);
        _other = Build();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _other.DisposeAsync();
        _folder.Dispose();
    }

    private MonitorCoreApp Build(Action<IServiceCollection>? services = null) =>
        MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()), services);

    private async Task<double> ThresholdOfNextRunAsync() =>
        (double)(await _service.Runner.RunByNameAsync("liquid_monitor", null, default)).Metadata["threshold_percent"]!;

    [Fact]
    public async Task A_change_from_another_process_applies_to_the_running_service_after_its_next_look()
    {
        var watcher = _service.Services.GetRequiredService<RuntimeSettingsWatcher>();
        await watcher.StartAsync(default);
        try
        {
            Assert.Equal(5, await ThresholdOfNextRunAsync());
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var _ = ChangeToken.OnChange(_service.Configuration.GetReloadToken, reloaded.SetResult);

            await _other.Operations.Settings.SetAsync(Threshold, "3", default);
            Assert.Equal(5, await ThresholdOfNextRunAsync()); // not read yet: the service looks every 5 s

            await watcher.Watching.WaitAsync(TimeSpan.FromSeconds(30));
            _time.Advance(RuntimeSettingsWatcher.Every);
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(3, await ThresholdOfNextRunAsync());
            Assert.Equal(RuntimeSettingsSource.Name, MonitorCoreConfiguration.SourceOf(_service.Configuration, Threshold));
        }
        finally
        {
            await watcher.StopAsync(default);
        }
    }

    [Fact]
    public async Task A_change_in_the_same_process_applies_at_once()
    {
        await _service.Operations.Settings.SetAsync(Threshold, "4", default);

        Assert.Equal(4, await ThresholdOfNextRunAsync());

        await _service.Operations.Settings.ResetAsync(Threshold, default);

        Assert.Equal(5, await ThresholdOfNextRunAsync());
    }

    [Fact]
    public async Task Reading_the_runtime_settings_never_creates_a_database()
    {
        using var empty = new TempDirectory();
        await using var app = MonitorCoreApp.Build(new HostSettings(empty.Path, new Dictionary<string, string?>()));

        Assert.Null(app.Configuration[Threshold]);
        Assert.False(File.Exists(empty.File("data/monitorcore.db")));
        Assert.False(MonitorCoreConfiguration.RuntimeLayer(app.Configuration)!.Reload());
    }
}
