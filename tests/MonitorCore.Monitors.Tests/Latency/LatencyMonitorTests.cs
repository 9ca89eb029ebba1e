using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Monitoring;

namespace MonitorCore.Monitors.Tests.Latency;

public class LatencyMonitorTests
{
    private const string Name = "latency_monitor";

    private static Dictionary<string, string?> Targets(params (string Name, string Url)[] targets)
    {
        var config = new Dictionary<string, string?>();
        for (var i = 0; i < targets.Length; i++)
        {
            config[$"Monitors:latency_monitor:Targets:{i}:Name"] = targets[i].Name;
            config[$"Monitors:latency_monitor:Targets:{i}:Url"] = targets[i].Url;
        }

        return config;
    }

    [Fact]
    public async Task A_target_that_answers_is_timed_and_the_run_succeeds()
    {
        await using var server = await LocalHttpServer.StartAsync(200, "{}");
        await using var harness = await TestHost.StartAsync(Targets(("local", server.Url("/health"))));

        var result = await harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, result.Status);
        Assert.Equal("200", (string?)result.Metadata["targets"]!["local"]!["status"]);
        Assert.Equal(0, (double?)result.Metadata["targets"]!["local"]!["ms"]); // the fake clock did not move
        Assert.Equal("/health", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task A_slow_target_makes_a_warning_with_its_time_in_milliseconds()
    {
        FakeTimeProvider? clock = null;
        await using var slow = await LocalHttpServer.StartAsync(async context =>
        {
            clock!.Advance(TimeSpan.FromMilliseconds(2500));
            await context.Response.WriteAsync("late");
        });
        var config = Targets(("slow", slow.Url("/")));
        await using var harness = await TestHost.StartAsync(config);
        clock = harness.Time;

        var result = await harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, result.Status);
        Assert.Equal(2500, (double?)result.Metadata["targets"]!["slow"]!["ms"]);
        Assert.Contains("slow", (string?)result.Metadata["warning"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_refuses_connections_makes_an_error_naming_it()
    {
        await using var server = await LocalHttpServer.StartAsync(200, "ok");
        await using var harness = await TestHost.StartAsync(Targets(("up", server.Url("/")), ("dead", LocalHttpServer.RefusedUrl())));

        var result = await harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, result.Status);
        Assert.Equal("1 of 2 targets failed: dead (unreachable: ConnectionRefused)", (string?)result.Metadata["error"]);
        Assert.Equal("error", (string?)result.Metadata["targets"]!["dead"]!["status"]);
        Assert.Contains("ConnectionRefused", (string?)result.Metadata["targets"]!["dead"]!["error"], StringComparison.Ordinal);
        Assert.Equal("200", (string?)result.Metadata["targets"]!["up"]!["status"]);
    }

    [Theory]
    [InlineData(503, MonitorStatus.Error)]
    [InlineData(500, MonitorStatus.Error)]
    [InlineData(404, MonitorStatus.Success)]
    [InlineData(401, MonitorStatus.Success)]
    public async Task A_server_error_fails_the_target_but_any_other_answer_proves_it_reachable(int status, MonitorStatus expected)
    {
        await using var server = await LocalHttpServer.StartAsync(status, "x", "text/plain");
        await using var harness = await TestHost.StartAsync(Targets(("svc", server.Url("/"))));

        var result = await harness.RunAsync(Name);

        Assert.Equal(expected, result.Status);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)result.Metadata["targets"]!["svc"]!["status"]);
    }

    [Fact]
    public async Task A_target_that_never_answers_fails_after_the_request_timeout()
    {
        await using var server = await LocalHttpServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var config = Targets(("hang", server.Url("/")));
        config["Monitors:latency_monitor:RequestTimeout"] = "00:00:05";
        await using var harness = await TestHost.StartAsync(config);

        var run = harness.RunAsync(Name);
        harness.Time.Advance(TimeSpan.FromSeconds(6));
        var result = await run;

        Assert.Equal(MonitorStatus.Error, result.Status);
        Assert.Equal("no answer within 5000 ms", (string?)result.Metadata["targets"]!["hang"]!["error"]);
    }

    [Fact]
    public async Task Without_targets_it_pings_coingecko_and_jupiter_at_their_configured_base_urls()
    {
        await using var server = await LocalHttpServer.StartAsync(200, "{\"gecko_says\":\"(V3) To the Moon!\"}");
        await using var harness = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:CoinGecko:BaseUrl"] = server.Url("/cg/"),
            ["Sources:Jupiter:BaseUrl"] = server.Url("/jup"),
        });

        var result = await harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, result.Status);
        Assert.Equal(["/cg/api/v3/ping", "/jup/"], server.Requests.Select(r => r.PathAndQuery).Order());
        Assert.NotNull(result.Metadata["targets"]!["coingecko"]);
        Assert.NotNull(result.Metadata["targets"]!["jupiter"]);
    }

    [Fact]
    public void Bad_options_are_reported_with_their_full_key()
    {
        var config = Targets(("bad name!", "not a url"));
        config["Monitors:latency_monitor:SlowThreshold"] = "00:00:00";
        var problems = TestHost.ProblemsOf(config);

        Assert.Contains(problems, p => p.StartsWith("Monitors:latency_monitor:SlowThreshold:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Monitors:latency_monitor:Targets:0:Url:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Monitors:latency_monitor:Targets:0:Name:", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_and_unconvertible_keys_are_reported_with_their_section()
    {
        var typo = TestHost.ProblemsOf(new Dictionary<string, string?> { ["Monitors:latency_monitor:SlowTreshold"] = "1" });
        Assert.Contains(typo, p => p.StartsWith("Monitors:latency_monitor:", StringComparison.Ordinal) && p.Contains("SlowTreshold", StringComparison.Ordinal));

        var wrongType = TestHost.ProblemsOf(new Dictionary<string, string?> { ["Monitors:latency_monitor:SlowThreshold"] = "fast" });
        Assert.Contains(wrongType, p => p.Contains("Monitors:latency_monitor:SlowThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task It_is_registered_with_its_interval_and_timeout()
    {
        await using var harness = await TestHost.StartAsync(new Dictionary<string, string?>());
        var registration = harness.Registration(Name);
        Assert.Equal(TimeSpan.FromMinutes(5), registration.Interval);
        Assert.Equal(TimeSpan.FromSeconds(60), registration.Timeout);
        Assert.False(registration.InCycle);
        Assert.Empty(TestHost.ProblemsOf(new Dictionary<string, string?>()));
    }

    [Fact]
    public async Task The_latency_monitor_registered_twice_runs_each_key_with_its_own_targets()
    {
        await using var exchange = await LocalHttpServer.StartAsync(200, "{}");
        await using var feed = await LocalHttpServer.StartAsync(200, "{}");
        var config = Targets(("feed", feed.Url("/feed")));
        config["Monitors:exchange_latency:Targets:0:Name"] = "exchange";
        config["Monitors:exchange_latency:Targets:0:Url"] = exchange.Url("/ping");
        config["Monitors:exchange_latency:SlowThreshold"] = "00:00:05";
        await using var harness = await TestHost.StartAsync(config, services: s =>
            s.AddMonitor<MonitorCore.Monitors.Latency.LatencyMonitor, MonitorCore.Monitors.Latency.LatencyMonitorOptions>("exchange_latency"));

        var builtIn = await harness.RunAsync(Name);
        var second = await harness.RunAsync("exchange_latency");

        Assert.Equal((MonitorStatus.Success, MonitorStatus.Success), (builtIn.Status, second.Status));
        Assert.Equal(["feed"], builtIn.Metadata["targets"]!.AsObject().Select(t => t.Key));
        Assert.Equal(["exchange"], second.Metadata["targets"]!.AsObject().Select(t => t.Key));
        Assert.Equal(5000, (double?)second.Metadata["slow_threshold_ms"]);
        Assert.Equal(2000, (double?)builtIn.Metadata["slow_threshold_ms"]);
        Assert.Equal("/ping", Assert.Single(exchange.Requests).PathAndQuery);
        Assert.Equal("/feed", Assert.Single(feed.Requests).PathAndQuery);
    }

    [Fact]
    public void A_second_registration_has_its_options_checked_under_its_own_key()
    {
        var problems = TestHost.ProblemsOf(new Dictionary<string, string?> { ["Monitors:exchange_latency:SlowThreshold"] = "00:20:00" }, s =>
            s.AddMonitor<MonitorCore.Monitors.Latency.LatencyMonitor, MonitorCore.Monitors.Latency.LatencyMonitorOptions>("exchange_latency"));

        Assert.Contains(problems, p => p.StartsWith("Monitors:exchange_latency:SlowThreshold:", StringComparison.Ordinal));
    }
}
