using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>The dead-man's switch: a ping after every completed cycle to a local server standing in for healthchecks.io.</summary>
public sealed class WatchdogTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _pings = new();
    private Func<HttpContext, Task> _answer = context => context.Response.WriteAsync("OK");
    private LocalHttpServer _server = null!;
    private MonitorCoreApp? _host;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync(context =>
        {
            _pings.Enqueue(context.Request.Path.Value!);
            return _answer(context);
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private async Task StartAsync(bool demo = true, Action<IServiceCollection>? services = null)
    {
        var settings = OfflineSources.Settings();
        settings["Watchdog:PingUrl"] = _server.Url("/ping/5f8a-token");
        if (demo)
        {
            settings["Sources:Mode"] = "Demo";
        }

        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: settings), s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            services?.Invoke(s);
        });
        await _host.InitializeDatabaseAsync(default);
    }

    private SonicCycle Cycle => _host!.Services.GetRequiredService<SonicCycle>();

    private Watchdog Dog => _host!.Services.GetRequiredService<Watchdog>();

    [Fact]
    public async Task Every_completed_cycle_pings_and_the_next_row_says_what_the_ping_got()
    {
        await StartAsync();

        var first = await Cycle.RunAsync(default);
        await Dog.Pending!;
        Assert.Null(first.Entry.Metadata["watchdog"]); // nothing was pinged before it
        Assert.Equal(["/ping/5f8a-token"], _pings);

        var second = await Cycle.RunAsync(default);
        Assert.Equal(MonitorStatus.Success, second.Entry.Status);
        var watchdog = second.Entry.Metadata["watchdog"]!;
        Assert.Equal((first.Entry.CycleId, "success", true, 200), ((string?)watchdog["cycle_id"], (string?)watchdog["signal"], (bool)watchdog["ok"]!, (int)watchdog["http_status"]!));
    }

    [Fact]
    public async Task A_cycle_with_a_failed_step_pings_fail_and_a_failing_ping_is_a_warning_in_the_next_row_without_the_url()
    {
        await StartAsync(demo: false); // offline: price_monitor fails
        _answer = context =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("not found");
        };

        await Cycle.RunAsync(default);
        await Dog.Pending!;
        Assert.Equal(["/ping/5f8a-token/fail"], _pings);

        var next = await Cycle.RunAsync(default);
        Assert.Equal(MonitorStatus.Warning, next.Entry.Status);
        Assert.EndsWith("failed: HTTP 404", (string?)next.Entry.Metadata["warning"], StringComparison.Ordinal);
        Assert.Contains("steps failed: price_monitor", (string?)next.Entry.Metadata["warning"], StringComparison.Ordinal);
        Assert.Equal(("fail", false), ((string?)next.Entry.Metadata["watchdog"]!["signal"], (bool)next.Entry.Metadata["watchdog"]!["ok"]!));
        Assert.DoesNotContain("5f8a-token", next.Entry.Metadata.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("***", _host!.Operations.Config.Show().Settings.Single(s => s.Key == "Watchdog:PingUrl").Value);
    }

    [Fact]
    public async Task A_watchdog_that_never_answers_delays_no_cycle_and_fails_on_its_own_timeout()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        await StartAsync();

        await Cycle.RunAsync(default);
        await arrived.Task;
        var hanging = Dog.Pending;
        var meanwhile = await Cycle.RunAsync(default); // the ping still hangs: this cycle neither waits nor reports it
        Assert.Null(meanwhile.Entry.Metadata["watchdog"]);
        Assert.Same(hanging, Dog.Pending); // nor sends another while it hangs

        _time.Advance(TimeSpan.FromSeconds(10));
        await Dog.Pending!.WaitAsync(TimeSpan.FromMinutes(1)); // a guard: a ping its own timeout does not end fails here, never hangs the run
        var next = await Cycle.RunAsync(default);
        Assert.Equal("no answer within 10 s", (string?)next.Entry.Metadata["watchdog"]!["error"]);
        Assert.Equal(MonitorStatus.Warning, next.Entry.Status);
    }

    [Fact]
    public async Task No_ping_url_no_ping_and_no_watchdog_in_the_row()
    {
        _host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" }),
            s => s.AddSingleton<TimeProvider>(_time));
        await _host.InitializeDatabaseAsync(default);

        await Cycle.RunAsync(default);
        var second = await Cycle.RunAsync(default);

        Assert.Null(Dog.Pending);
        Assert.Null(second.Entry.Metadata["watchdog"]);
        Assert.Empty(_pings);
    }

    [Fact]
    public void The_fail_url_goes_after_the_path_and_keeps_a_query()
    {
        Assert.Equal("https://hc-ping.com/uuid/fail", Watchdog.FailUrl("https://hc-ping.com/uuid"));
        Assert.Equal("https://hc-ping.com/uuid/fail?rid=1", Watchdog.FailUrl("https://hc-ping.com/uuid/?rid=1"));
    }
}
