using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Monitors without code: declarative checks in the manifest (the config file's <c>Monitors</c> section or
/// <c>config/monitors.json</c>) against real local servers, each run a ledger row with what it measured.
/// </summary>
public sealed class ManifestTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private LocalHttpServer _http = null!;
    private TcpListener _tcp = null!;
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _http = await LocalHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers["X-Exchange"] = "up";
            await context.Response.WriteAsync("""{"status":"ok","data":{"price":187.5,"markets":["SOL-PERP","BTC-PERP"]}}""");
        });
        _tcp = new TcpListener(IPAddress.Loopback, 0);
        _tcp.Start();
        _ = AnswerAsync(_tcp);
        _cli = new Cli(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        _tcp.Stop();
        await _http.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    /// <summary>A line protocol: answers "PONG" to "PING".</summary>
    private static async Task AnswerAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PING", StringComparison.Ordinal))
                {
                    await stream.WriteAsync("PONG\n"u8.ToArray());
                }
            }
        }
    }

    private int TcpPort => ((IPEndPoint)_tcp.LocalEndpoint).Port;

    private async Task<JsonNode> RunAsync(string monitor, int exitCode)
    {
        var run = await _cli.RunAsync("run", monitor, "--json");
        Assert.True(exitCode == run.ExitCode, $"{monitor}: exit {run.ExitCode}: {run.Error}{run.Out}");
        return run.Json;
    }

    private static JsonArray Conditions(JsonNode row) => row["metadata"]!["conditions"]!.AsArray();

    [Fact]
    public async Task An_http_a_tcp_and_a_command_check_write_what_they_measured_and_a_failing_condition_is_an_error_with_an_alert()
    {
        _cli.WriteConfig(new
        {
            Monitors = new Dictionary<string, object>
            {
                ["exchange_up"] = new
                {
                    Type = "http",
                    Url = _http.Url("/api/ping?key=secret-token"),
                    Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cr3t" },
                    Conditions = new[] { "[STATUS] == 200", "[RESPONSE_TIME] < 5s", "[BODY].status == ok", "len([BODY].data.markets) >= 2", "[HEADER].x-exchange == up" },
                },
                ["price_sane"] = new
                {
                    Type = "http",
                    Url = _http.Url("/api/price"),
                    Interval = "00:05:00",
                    Conditions = new[] { "[STATUS] == 200", "[BODY].data.price > 1000" },
                    AlertLevel = "MEDIUM",
                },
                ["feed_port"] = new { Type = "tcp", Host = "127.0.0.1", Port = TcpPort, Send = "PING\\n", Expect = "PONG" },
                ["tool_ok"] = new { Type = "command", Command = "printf", Arguments = new[] { """{"healthy":true,"queue":3}""" }, Conditions = new[] { "[EXIT_CODE] == 0", "[STDOUT].healthy == true", "[STDOUT].queue < 10" } },
            },
        });

        var monitors = (await _cli.RunAsync("list", "--json")).Json["monitors"]!.AsArray();
        Assert.Equal(300, (double)monitors.Single(m => (string?)m!["name"] == "price_sane")!["interval_seconds"]!);
        Assert.Contains(monitors, m => (string?)m!["name"] == "feed_port");

        var http = await RunAsync("exchange_up", 0);
        Assert.Equal("Success", (string?)http["status"]);
        Assert.All(Conditions(http), c => Assert.True((bool)c!["success"]!));
        Assert.Equal(200, (int)http["metadata"]!["measured"]!["status"]!);
        Assert.True((double)http["metadata"]!["measured"]!["response_time_ms"]! > 0);
        Assert.Equal("Bearer s3cr3t", _http.Requests.Single().Headers["Authorization"]);
        Assert.DoesNotContain("secret-token", http.ToJsonString(), StringComparison.Ordinal);

        var tcp = await RunAsync("feed_port", 0);
        Assert.Equal("PONG\n", (string?)tcp["metadata"]!["measured"]!["body"]);
        Assert.Equal(["[CONNECTED] == true", "[BODY] == pat(*PONG*)"], Conditions(tcp).Select(c => (string)c!["condition"]!));

        var command = await RunAsync("tool_ok", 0);
        Assert.Equal(["0", "true", "3"], Conditions(command).Select(c => (string)c!["actual"]!));

        var failing = await RunAsync("price_sane", 1);
        Assert.Equal("Error", (string?)failing["status"]);
        Assert.Equal("1 of 2 conditions failed: [BODY].data.price > 1000 (was 187.5)", (string?)failing["metadata"]!["error"]);
        Assert.Equal("MEDIUM", (string?)failing["metadata"]!["level"]);

        var alert = Assert.Single((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());
        Assert.Equal(("Check", "price_sane", "MEDIUM"), ((string?)alert!["alert_type"] ?? (string?)alert["rule"], (string?)alert["subject"], (string?)alert["level"]));
        var queued = (await _cli.RunAsync("notifications", "--json")).Json["notifications"]!.AsArray();
        Assert.Contains(queued, n => (string?)n!["channel"] == "sms");

        // The feed recovers (the line is lowered): the next run succeeds and the alert resolves.
        var config = JsonNode.Parse(File.ReadAllText(_folder.File("monitorcore.json")))!;
        config["Monitors"]!["price_sane"]!["Conditions"]![1] = "[BODY].data.price > 100";
        File.WriteAllText(_folder.File("monitorcore.json"), config.ToJsonString());
        Assert.Equal("Success", (string?)(await RunAsync("price_sane", 0))["status"]);
        Assert.Empty((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());
    }

    [Fact]
    public async Task A_check_whose_target_is_down_is_an_error_naming_the_reason()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        Directory.CreateDirectory(_folder.File("config"));
        File.WriteAllText(_folder.File("config/monitors.json"), $$"""
            {
              "api_down": {"Type": "http", "Url": "http://127.0.0.1:{{port}}/health", "AlertLevel": "NONE"},
              "slow_tool": {"Type": "command", "Command": "sleep", "Arguments": ["30"], "Timeout": "00:00:00.300", "AlertLevel": "NONE"}
            }
            """);

        var down = await RunAsync("api_down", 1);
        Assert.StartsWith("unreachable: ConnectionRefused", (string?)down["metadata"]!["error"], StringComparison.Ordinal);
        Assert.False((bool)Conditions(down).Single()!["success"]!);

        var slow = await RunAsync("slow_tool", 1);
        Assert.StartsWith("still running after 300 ms: stopped", (string?)slow["metadata"]!["error"], StringComparison.Ordinal);
        Assert.Empty((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());
    }

    [Fact]
    public async Task A_manifest_with_mistakes_is_refused_naming_each_key_its_line_and_the_reason()
    {
        File.WriteAllText(_folder.File("monitorcore.json"), """
            {
              "Monitors": {
                "exchange_up": {
                  "Type": "htp",
                  "Url": "https://example.invalid/ping"
                },
                "api_ok": {
                  "Type": "http",
                  "Url": "not a url",
                  "Conditions": ["[STATUS] == 200", "[STATSU] == 200"]
                },
                "Bad-Key": {"Type": "tcp", "Host": "h", "Port": 1},
                "price_monitor": {"Type": "http", "Url": "http://127.0.0.1/"}
              }
            }
            """);
        Directory.CreateDirectory(_folder.File("config"));
        File.WriteAllText(_folder.File("config/monitors.json"), """
            {
              "tool": {"Type": "command", "Command": "true", "Timout": "00:00:05"},
              "port": {"Type": "tcp", "Host": "h", "Port": 1},
              "port": {"Type": "tcp", "Host": "h", "Port": 2},
              "api_ok": {"Type": "tcp", "Host": "h", "Port": 1}
            }
            """);

        var result = await _cli.RunAsync("list");

        Assert.Equal(2, result.ExitCode);
        var error = result.Error;
        Assert.Contains("Monitors:exchange_up:Type: 'htp' is not a check type (did you mean http?); use http, tcp, command, dns (monitorcore.json line 4)", error, StringComparison.Ordinal);
        Assert.Contains("Monitors:Bad-Key: Monitor name 'Bad-Key' is not valid: use lower-case letters, digits and '_', starting with a letter. (monitorcore.json line 12)", error, StringComparison.Ordinal);
        Assert.Contains("Monitors:price_monitor:Type: price_monitor is a built-in monitor; give the check a key of its own (monitorcore.json line 13)", error, StringComparison.Ordinal);
        Assert.Contains("Monitors:tool:Timout: no such setting (did you mean Timeout?)", error, StringComparison.Ordinal);
        Assert.Contains("(config/monitors.json line 2)", error, StringComparison.Ordinal);
        Assert.Contains("Monitors:port: written twice in config/monitors.json (lines 3 and 4); keep one\n", error, StringComparison.Ordinal);
        Assert.Contains("Monitors:api_ok: in both monitorcore.json (line 7) and config/monitors.json (line 5); a monitor is configured in one place", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_that_does_not_parse_is_refused_at_start_up_with_its_column()
    {
        _cli.WriteConfig(new
        {
            Monitors = new { api_ok = new { Type = "http", Url = "ftp://example.invalid/", Conditions = new[] { "[STATUS] == 200", "[STATSU] == 200" } } },
        });

        var result = await _cli.RunAsync("list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Monitors:api_ok:Conditions:1: column 2: [STATSU] is not measured by this check (did you mean [STATUS]?)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Monitors:api_ok:Url: must be an absolute http:// or https:// URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_validate_names_the_key_and_line_of_each_error_in_a_file_and_accepts_a_good_one()
    {
        File.WriteAllText(_folder.File("candidate.json"), """
            {
              "Notifications": { "Smtp": { "Port": 99999 } },
              "Monitors": {
                "exchange_up": { "Type": "http", "Url": "http://127.0.0.1/ping", "Conditions": ["[STATUS] = 200"] }
              }
            }
            """);

        var broken = await _cli.RunAsync("config", "validate", "candidate.json", "--json");

        Assert.Equal(2, broken.ExitCode);
        Assert.False((bool)broken.Json["valid"]!);
        var problems = broken.Json["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(problems, p => p.StartsWith("Notifications:Smtp:Port:", StringComparison.Ordinal) && p.EndsWith("(candidate.json line 2)", StringComparison.Ordinal));
        Assert.Contains("Monitors:exchange_up:Conditions:0: column 10: expected an operator (==, !=, <, <=, >, >=), found '=' in \"[STATUS] = 200\" (candidate.json line 4)", problems);

        File.WriteAllText(_folder.File("candidate.json"), """{"Monitors": {"exchange_up": {"Type": "http", "Url": "http://127.0.0.1/ping"}}}""");
        var good = await _cli.RunAsync("config", "validate", "candidate.json");
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("candidate.json is valid", good.Out, StringComparison.Ordinal);
        Assert.Contains("exchange_up", good.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("data/monitorcore.db")), "validating touches no database");
    }
}
