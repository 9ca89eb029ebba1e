using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

public sealed class MonitorRunnerTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationProbe _probe = new();
    private MonitorCoreApp _host = null!;

    public async Task InitializeAsync()
    {
        var offline = OfflineSources.Settings();
        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: offline), services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton(_probe);
            services.AddMonitor<SucceedingMonitor>("ok_monitor", r => r with { Order = 1 });
            services.AddMonitor<ThrowingMonitor>("throwing_monitor", r => r with { Order = 2 });
            services.AddMonitor<HangingMonitor>("hanging_monitor", r => r with { Order = 3, Timeout = TimeSpan.FromSeconds(5) });
            services.AddMonitor<DeafMonitor>("deaf_monitor", r => r with { Order = 4, Timeout = TimeSpan.FromSeconds(5) });
        });
        await _host.InitializeDatabaseAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private IMonitorLedger Ledger => _host.Services.GetRequiredService<IMonitorLedger>();

    [Fact]
    public async Task A_run_writes_exactly_one_row_with_its_cycle_and_duration()
    {
        var entry = await _host.Runner.RunByNameAsync("ok_monitor", "cycle-7", default);

        var row = Assert.Single(await Ledger.QueryAsync(new LedgerQuery("ok_monitor"), default));
        Assert.Equal(entry, row with { Metadata = entry.Metadata });
        Assert.Equal(MonitorStatus.Success, row.Status);
        Assert.Equal("cycle-7", row.CycleId);
        Assert.Equal("cycle-7", (string?)row.Metadata["cycle"]);
        Assert.Equal(0, row.DurationMs);
        Assert.Equal(_time.GetUtcNow(), row.Timestamp);
    }

    [Fact]
    public async Task An_exception_becomes_an_error_row_with_its_type_and_message()
    {
        var entry = await _host.Runner.RunByNameAsync("throwing_monitor", null, default);

        Assert.Equal(MonitorStatus.Error, entry.Status);
        Assert.Equal("InvalidOperationException: feed exploded", (string?)entry.Metadata["error"]);
        Assert.Equal(1, await Ledger.CountAsync("throwing_monitor", default));
    }

    [Theory]
    [InlineData("hanging_monitor")]
    [InlineData("deaf_monitor")]
    public async Task A_run_past_its_timeout_is_an_error_timeout(string name)
    {
        var run = _host.Runner.RunByNameAsync(name, null, default);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        var entry = await run;

        Assert.Equal(MonitorStatus.Error, entry.Status);
        Assert.Equal("timeout", (string?)entry.Metadata["error"]);
        Assert.Equal(5000, (double?)entry.Metadata["timeout_ms"]);
        Assert.Equal(6000, entry.DurationMs);
        Assert.Equal(1, await Ledger.CountAsync(name, default));
    }

    [Fact]
    public async Task Shutdown_records_the_interrupted_run_as_skipped_not_an_error_and_lets_the_cancellation_through()
    {
        using var shutdown = new CancellationTokenSource();
        var run = _host.Runner.RunByNameAsync("hanging_monitor", null, shutdown.Token);
        await _probe.Started.Task;
        await shutdown.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // The monitor's own token is cancelled too: its HTTP calls stop, and the host's disposal does not wait for them.
        await _probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var row = Assert.Single(await Ledger.QueryAsync(new LedgerQuery("hanging_monitor"), default));
        Assert.Equal(MonitorStatus.Skipped, row.Status);
        Assert.Equal("interrupted: the service stopped during the run", (string?)row.Metadata["reason"]);
        Assert.True((bool)row.Metadata["interrupted"]!);
        Assert.True(MonitorRunner.WasInterrupted(row));
        var health = (await _host.Operations.Status.GetAsync(default)).Monitors.Single(m => m.Name == "hanging_monitor").Health;
        Assert.Equal(Health.MonitorHealth.Healthy, health); // after the restart, a normal stop is not an Error
    }

    [Fact]
    public async Task Run_all_runs_every_monitor_in_registry_order_one_row_each()
    {
        var run = _host.Runner.RunAllAsync("c1", default);
        // The hanging and deaf monitors each wait for their 5 s timeout in turn.
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var entries = await run;
        // The test monitors are ordered first; the built-in ones follow in their own order.
        Assert.Equal(_host.Registry.Names, entries.Select(e => e.MonitorName));
        Assert.Equal(["ok_monitor", "throwing_monitor", "hanging_monitor", "deaf_monitor"], entries.Take(4).Select(e => e.MonitorName));
        Assert.All(entries, e => Assert.Equal("c1", e.CycleId));
        Assert.Equal(entries.Count, await Ledger.CountAsync(null, default));
    }

    [Fact]
    public async Task Unknown_monitor_names_are_refused_with_the_known_list()
    {
        var ex = await Assert.ThrowsAsync<UnknownMonitorException>(() => _host.Runner.RunByNameAsync("nope", null, default));
        Assert.Contains("ok_monitor", ex.Known);
        Assert.Equal(0, await Ledger.CountAsync(null, default));
    }
}
