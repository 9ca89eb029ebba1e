using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Repositories;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Ledger;
using MonitorCore.Leases;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Two instances on one database: exactly one runs the cycle; when it stops, the other takes over.</summary>
public sealed class LeadershipTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly LogRecorder _logB = new();
    private MonitorCoreApp _a = null!;
    private MonitorCoreApp _b = null!;

    public async Task InitializeAsync()
    {
        _a = Build();
        _b = Build(_logB);
        await _a.InitializeDatabaseAsync(default);
        await _b.InitializeDatabaseAsync(default);
    }

    public async Task DisposeAsync()
    {
        await Scheduler(_a).StopAsync(default);
        await Scheduler(_b).StopAsync(default);
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _folder.Dispose();
    }

    private MonitorCoreApp Build(LogRecorder? log = null) =>
        MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()),
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                if (log is not null)
                {
                    services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
                }
            });

    private static MonitorScheduler Scheduler(MonitorCoreApp host) => host.Services.GetRequiredService<MonitorScheduler>();

    private async Task<int> Cycles() => (int)await _a.Services.GetRequiredService<IMonitorLedger>().CountAsync(Heartbeats.Sonic, default);

    /// <summary>Both loops sleep at most MaxWait: moving the clock that far wakes both, and both go idle again.</summary>
    private async Task StepAsync(params MonitorScheduler[] schedulers)
    {
        var idle = schedulers.Select(s => s.NextIdle).ToList();
        _time.Advance(MonitorScheduler.MaxWait);
        await Task.WhenAll(idle);
    }

    [Fact]
    public async Task Only_the_lease_holder_runs_the_cycle_and_the_other_takes_over_when_it_stops()
    {
        var a = Scheduler(_a);
        var b = Scheduler(_b);
        var idleA = a.NextIdle;
        await a.StartAsync(default);
        await idleA;
        var idleB = b.NextIdle;
        await b.StartAsync(default);
        await idleB;

        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);
        Assert.Equal(1, await Cycles());

        for (var i = 0; i < 12; i++)
        {
            await StepAsync(a, b);
        }

        Assert.Equal(2, await Cycles()); // t = 0 and t = 60 s, by A alone
        Assert.Equal(a.Holder, (await _a.Services.GetRequiredService<ILeaseStore>().GetAsync(MonitorScheduler.LeaseName, default))!.Holder);

        await a.StopAsync(default); // gives the lease up
        await StepAsync(b);
        Assert.True(b.IsLeader);
        for (var i = 0; i < 12; i++)
        {
            await StepAsync(b);
        }

        Assert.Equal(3, await Cycles()); // B keeps the cadence from the shared heartbeat: t = 120 s
        var rows = await _a.Services.GetRequiredService<IMonitorLedger>().QueryAsync(new LedgerQuery(Heartbeats.Sonic), default);
        Assert.Equal([0.0, 60.0, 120.0], rows.Select(r => (r.Timestamp - _time.Start).TotalSeconds).Order());
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_is_replaced_once_its_lease_expires()
    {
        var leases = _a.Services.GetRequiredService<ILeaseStore>();
        Assert.True(await leases.TryAcquireAsync(MonitorScheduler.LeaseName, "crashed-instance", _time.GetUtcNow(), MonitorScheduler.LeaseDuration, default));
        var b = Scheduler(_b);
        var idle = b.NextIdle;
        await b.StartAsync(default);
        await idle;
        Assert.False(b.IsLeader);
        Assert.Equal(0, await Cycles());

        for (var i = 0; i < 7; i++)
        {
            await StepAsync(b);
        }

        Assert.True(b.IsLeader);
        Assert.Equal(1, await Cycles());
    }

    [Fact]
    public async Task A_standby_says_who_leads_and_since_when_then_that_the_leader_looks_stopped_with_the_time_left_then_that_it_took_over()
    {
        var leases = _a.Services.GetRequiredService<ILeaseStore>();
        var t0 = _time.GetUtcNow();
        Assert.True(await leases.TryAcquireAsync(MonitorScheduler.LeaseName, "crashed-instance", t0, MonitorScheduler.LeaseDuration, default));
        var b = Scheduler(_b);
        var idle = b.NextIdle;
        await b.StartAsync(default);
        await idle;

        var standing = Assert.Single(_logB.WithEventId(2103));
        Assert.Equal(
            $"Instance {b.Holder} stands by: crashed-instance runs the cycle since 2026-11-24T12:00:00Z (its lease is renewed and has 30 s left)",
            standing.Message);
        var status = await _b.Operations.Status.GetAsync(default);
        Assert.Equal(("crashed-instance", t0, false), (status.Leader!.Holder, status.Leader.Since, status.Leader.Stale));
        Assert.Equal("crashed-instance", (await _b.Operations.Sonic.GetAsync(default)).Leader!.Holder);

        for (var i = 0; i < 3; i++)
        {
            await StepAsync(b); // t = 15 s: three renewal periods without a renewal
        }

        var waiting = Assert.Single(_logB.WithEventId(2104));
        Assert.Equal(
            $"Instance {b.Holder} waits to run the cycle: the leader crashed-instance has not renewed its lease for 15 s and looks stopped; " +
            "this instance takes over in 15 s, when the lease runs out",
            waiting.Message);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, waiting.Level);
        status = await _b.Operations.Status.GetAsync(default);
        Assert.True(status.Leader!.Stale);
        Assert.Equal(15, status.Leader.SecondsLeft);
        Assert.Single(_logB.WithEventId(2103)); // said once, not every loop

        for (var i = 0; i < 4; i++)
        {
            await StepAsync(b);
        }

        Assert.True(b.IsLeader);
        var tookOver = Assert.Single(_logB.WithEventId(2105));
        Assert.Equal($"Instance {b.Holder} took over the cycle from crashed-instance, which had not renewed its lease for 35 s", tookOver.Message);
        var leader = (await _b.Operations.Status.GetAsync(default)).Leader!;
        Assert.Equal((b.Holder, _time.GetUtcNow(), false), (leader.Holder, leader.Since, leader.Stale));

        await StepAsync(b); // a renewal keeps the time the lease was taken
        Assert.Equal(t0.AddSeconds(35), (await leases.GetAsync(MonitorScheduler.LeaseName, default))!.AcquiredAt);
    }

    [Fact]
    public async Task The_lease_is_taken_by_one_and_renewed_only_by_its_holder()
    {
        var leases = _a.Services.GetRequiredService<ILeaseStore>();
        var now = _time.GetUtcNow();
        Assert.True(await leases.TryAcquireAsync("x", "one", now, TimeSpan.FromSeconds(30), default));
        Assert.False(await leases.TryAcquireAsync("x", "two", now.AddSeconds(10), TimeSpan.FromSeconds(30), default));
        Assert.True(await leases.TryAcquireAsync("x", "one", now.AddSeconds(20), TimeSpan.FromSeconds(30), default));
        Assert.False(await leases.TryAcquireAsync("x", "two", now.AddSeconds(45), TimeSpan.FromSeconds(30), default));
        Assert.True(await leases.TryAcquireAsync("x", "two", now.AddSeconds(51), TimeSpan.FromSeconds(30), default));
        await leases.ReleaseAsync("x", "one", default);
        Assert.Equal("two", (await leases.GetAsync("x", default))!.Holder);
    }

    [Fact]
    public async Task Only_the_instance_that_runs_the_cycle_prunes_old_rows()
    {
        var a = Scheduler(_a);
        var b = Scheduler(_b);
        var idleA = a.NextIdle;
        await a.StartAsync(default);
        await idleA;
        var idleB = b.NextIdle;
        await b.StartAsync(default);
        await idleB;
        var ledger = _a.Services.GetRequiredService<IMonitorLedger>();
        await ledger.AppendAsync(new LedgerEntry(0, "price_monitor", _time.GetUtcNow().AddDays(-91), MonitorCore.Monitoring.MonitorStatus.Success, [], 1, null), default);
        var before = await ledger.CountAsync(null, default);

        var follower = _b.Services.GetRequiredService<Retention>();
        var looked = follower.NextLook;
        await follower.StartAsync(default);
        await looked;
        Assert.Equal(before, await ledger.CountAsync(null, default));

        var leader = _a.Services.GetRequiredService<Retention>();
        looked = leader.NextLook;
        await leader.StartAsync(default);
        await looked;
        Assert.Equal(before - 1, await ledger.CountAsync(null, default));

        await follower.StopAsync(default);
        await leader.StopAsync(default);
    }
}
