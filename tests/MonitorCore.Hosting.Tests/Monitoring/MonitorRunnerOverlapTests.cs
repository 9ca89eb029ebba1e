using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Two runs of one monitor key never overlap in a process: the second waits for the first (docs/behaviour.md §3).</summary>
public sealed class MonitorRunnerOverlapTests : IAsyncLifetime
{
    // A guard so that a broken runner fails the test instead of hanging it; the tests wait on signals, never on time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly RunGate _gate = new();
    private MonitorCoreApp _host = null!;

    public async Task InitializeAsync()
    {
        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()), services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton(_gate);
            services.AddMonitor<SucceedingMonitor>("ok_monitor", r => r with { Order = 1 });
            services.AddMonitor<GatedMonitor>("gated_a", r => r with { Order = 2 });
            services.AddMonitor<GatedMonitor>("gated_b", r => r with { Order = 3 });
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
    public async Task A_second_run_of_the_same_key_starts_only_after_the_first_finished_and_both_are_recorded()
    {
        var first = _host.Runner.RunByNameAsync("gated_a", "c1", default);
        await _gate.Entered(0).WaitAsync(Guard);

        var second = _host.Runner.RunAsync(_host.Registry.Get("gated_a"), "c2", default);
        // Meanwhile another key runs from start to end.
        Assert.Equal(MonitorStatus.Success, (await _host.Runner.RunByNameAsync("ok_monitor", null, default).WaitAsync(Guard)).Status);

        Assert.Equal(["enter gated_a 0"], _gate.Events);
        Assert.False(second.IsCompleted);

        _gate.Release(0);
        var firstEntry = await first.WaitAsync(Guard);
        await _gate.Entered(1).WaitAsync(Guard);
        Assert.False(second.IsCompleted);
        _gate.Release(1);
        var secondEntry = await second.WaitAsync(Guard);

        Assert.Equal(["enter gated_a 0", "exit gated_a 0", "enter gated_a 1", "exit gated_a 1"], _gate.Events);
        Assert.Equal(1, _gate.MostAtOnceOf("gated_a"));
        // The second came in after the first had written its ledger row.
        Assert.Equal(new Dictionary<int, long> { [0] = 0, [1] = 1 }, _gate.RowsSeenOnEntry);
        Assert.Equal(("c1", 0), (firstEntry.CycleId, (int)firstEntry.Metadata["run"]!));
        Assert.Equal(("c2", 1), (secondEntry.CycleId, (int)secondEntry.Metadata["run"]!));
        var rows = await Ledger.QueryAsync(new LedgerQuery("gated_a"), default);
        Assert.Equal(["c1", "c2"], rows.Select(r => r.CycleId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(MonitorStatus.Success, r.Status));
    }

    [Fact]
    public async Task Three_runs_of_the_same_key_asked_for_at_once_run_one_at_a_time()
    {
        var runs = new[]
        {
            _host.Runner.RunByNameAsync("gated_a", "c1", default),
            _host.Runner.RunByNameAsync("gated_a", "c2", default),
            _host.Runner.RunAsync(_host.Registry.Get("gated_a"), "c3", default),
        };

        for (var run = 0; run < runs.Length; run++)
        {
            await _gate.Entered(run).WaitAsync(Guard);
            Assert.Equal(run + 1, _gate.Events.Count(e => e.StartsWith("enter", StringComparison.Ordinal)));
            Assert.Equal(run, _gate.RowsSeenOnEntry[run]);
            _gate.Release(run);
        }

        var entries = await Task.WhenAll(runs).WaitAsync(Guard);

        Assert.Equal(1, _gate.MostAtOnceOf("gated_a"));
        Assert.Equal(["c1", "c2", "c3"], entries.Select(e => e.CycleId).Order(StringComparer.Ordinal));
        Assert.Equal(3, await Ledger.CountAsync("gated_a", default));
    }

    [Fact]
    public async Task Runs_of_two_different_keys_may_be_under_way_at_once()
    {
        var a = _host.Runner.RunByNameAsync("gated_a", "c1", default);
        await _gate.Entered(0).WaitAsync(Guard);
        var b = _host.Runner.RunByNameAsync("gated_b", "c1", default);
        await _gate.Entered(1).WaitAsync(Guard);

        Assert.Equal(2, _gate.MostAtOnce);
        Assert.Equal(["enter gated_a 0", "enter gated_b 1"], _gate.Events);

        _gate.Release(1);
        Assert.Equal("gated_b", (await b.WaitAsync(Guard)).MonitorName);
        Assert.False(a.IsCompleted);
        _gate.Release(0);
        Assert.Equal("gated_a", (await a.WaitAsync(Guard)).MonitorName);

        Assert.Equal((1, 1), (_gate.MostAtOnceOf("gated_a"), _gate.MostAtOnceOf("gated_b")));
        Assert.Equal(1, await Ledger.CountAsync("gated_a", default));
        Assert.Equal(1, await Ledger.CountAsync("gated_b", default));
    }
}
