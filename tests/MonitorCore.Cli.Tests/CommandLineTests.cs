namespace MonitorCore.Cli.Tests;

/// <summary>Usage, help, configuration and the text output of each command.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private LocalHttpServer _target = null!;
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _target = await LocalHttpServer.StartAsync(200, "ok", "text/plain");
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.WriteConfig(new { Monitors = new { latency_monitor = new { Targets = new[] { new { Name = "local", Url = _target.Url("/") } } } } });
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "--help" },
        new[] { "list", "--help" },
        new[] { "run", "--help" },
        new[] { "status", "--help" },
        new[] { "ledger", "--help" },
        new[] { "ledger", "import-json", "--help" },
        new[] { "db", "--help" },
        new[] { "db", "migrate", "--help" },
        new[] { "config", "--help" },
        new[] { "config", "show", "--help" },
        new[] { "timers", "--help" },
        new[] { "timers", "set", "--help" },
        new[] { "timers", "unset", "--help" },
        new[] { "selftest", "--help" },
        new[] { "sonic", "--help" },
        new[] { "sonic", "interval", "--help" },
        new[] { "sonic", "enable", "--help" },
        new[] { "sonic", "disable", "--help" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Description:", result.Out, StringComparison.Ordinal);
        Assert.Contains("--db", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("data/monitorcore.db")));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ledger", "--limit", "abc")]
    [InlineData("ledger", "--limit", "0")]
    [InlineData("run")]
    [InlineData("timers", "set", "latency_monitor")]
    [InlineData("sonic", "interval")]
    [InlineData("sonic", "disable")]
    public async Task Bad_usage_exits_2_and_says_what_was_wrong(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_configuration_exits_2_naming_the_key()
    {
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__SlowThreshold"] = "soon";
        var result = await _cli.RunAsync("list");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Monitors:latency_monitor:SlowThreshold", result.Error, StringComparison.Ordinal);

        var show = await _cli.RunAsync("config", "show");
        Assert.Equal(2, show.ExitCode);
    }

    [Fact]
    public async Task A_malformed_config_file_exits_2_naming_the_file()
    {
        await File.WriteAllTextAsync(_folder.File("monitorcore.json"), "{ oops");
        var result = await _cli.RunAsync("status");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("monitorcore.json is not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_show_gives_each_value_with_its_source_and_masks_secrets()
    {
        _cli.Environment["TWILIO_AUTH_TOKEN"] = "very-secret-token";
        _cli.Environment["MONITORCORE_Sources__CoinGecko__ApiKey"] = "cg-secret";
        _cli.Environment["MONITORCORE_Ledger__RetentionDays"] = "30";

        var result = await _cli.RunAsync("config", "show", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("very-secret-token", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cg-secret", result.Out, StringComparison.Ordinal);
        var settings = result.Json["settings"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => s!);
        Assert.Equal(("***", "environment (legacy names)"), ((string?)settings["Notifications:Twilio:AuthToken"]["value"], (string?)settings["Notifications:Twilio:AuthToken"]["source"]));
        Assert.Equal(("30", "environment (MONITORCORE_*)"), ((string?)settings["Ledger:RetentionDays"]["value"], (string?)settings["Ledger:RetentionDays"]["source"]));
        Assert.Equal("default", (string?)settings["Monitors:latency_monitor:SlowThreshold"]["source"]);
        Assert.StartsWith("file ", (string?)settings["Monitors:latency_monitor:Targets:0:Url"]["source"], StringComparison.Ordinal);
        Assert.Equal(_folder.File("data/monitorcore.db"), (string?)settings["Database:Connection"]["value"]);

        var text = await _cli.RunAsync("config", "show");
        Assert.Contains("Sources:CoinGecko:ApiKey", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cg-secret", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timers_set_list_and_unset()
    {
        var set = await _cli.RunAsync("timers", "set", "latency_monitor", "120");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("every 2 min", set.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.File("config/timer_config.json")));

        var list = await _cli.RunAsync("timers", "--json");
        var timer = Assert.Single(list.Json["timers"]!.AsArray(), t => (string?)t!["monitor"] == "latency_monitor");
        Assert.Equal((120.0, true), ((double)timer!["interval_seconds"]!, (bool)timer["overridden"]!));
        Assert.Contains("2 min", (await _cli.RunAsync("list")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("timers", "unset", "latency_monitor", "--json")).ExitCode);
        Assert.Contains("default", (await _cli.RunAsync("timers")).Out, StringComparison.Ordinal);

        Assert.Equal(2, (await _cli.RunAsync("timers", "set", "nope", "10")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("timers", "set", "latency_monitor", "0.5")).ExitCode);
    }

    [Fact]
    public async Task Ledger_daily_shows_each_monitor_day_by_day_and_a_bad_days_exits_2()
    {
        Assert.Equal(0, (await _cli.RunAsync("run", "latency_monitor")).ExitCode);

        var daily = await _cli.RunAsync("ledger", "--daily");

        Assert.Equal(0, daily.ExitCode);
        Assert.Matches(@"2026-11-24\s+latency_monitor\s+1\s+1\s+0\s+0\s+0\s+0", daily.Out);
        var json = (await _cli.RunAsync("ledger", "--daily", "--days", "7", "--json")).Json;
        Assert.Equal(7, (int)json["days"]!);
        Assert.Equal(1, (long)json["rows"]![0]!["by_status"]!["Success"]!);
        Assert.Equal(2, (await _cli.RunAsync("ledger", "--daily", "--days", "0")).ExitCode);
    }

    [Fact]
    public async Task Timers_set_on_a_monitor_of_the_cycle_is_refused_pointing_to_sonic_interval()
    {
        var set = await _cli.RunAsync("timers", "set", "price_monitor", "30");

        Assert.Equal(2, set.ExitCode);
        Assert.Contains("price_monitor runs in the sonic cycle", set.Error, StringComparison.Ordinal);
        Assert.Contains("monitorcore sonic interval 30s", set.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("config/timer_config.json"))); // nothing stored that nothing would use
        Assert.Equal(0, (await _cli.RunAsync("timers", "unset", "price_monitor")).ExitCode); // an old override can still go
    }

    [Fact]
    public async Task Sonic_shows_the_cycle_and_changes_its_interval_and_steps_through_the_runtime_settings()
    {
        var view = await _cli.RunAsync("sonic");
        Assert.Equal(0, view.ExitCode);
        Assert.Contains("sonic cycle: every 60 s (default), on", view.Out, StringComparison.Ordinal);
        Assert.Matches(@"market\s+market_monitor\s+enabled_market\s+on", view.Out);
        Assert.Matches(@"risk\s+risk_monitor\s+enabled_risk\s+off", view.Out);
        Assert.Matches(@"-\s+price_monitor\s+-\s+always", view.Out);
        Assert.Contains("leader: none: no instance runs the cycle", view.Out, StringComparison.Ordinal);
        Assert.Contains("last cycle: never", view.Out, StringComparison.Ordinal);

        var interval = await _cli.RunAsync("sonic", "interval", "30s");
        Assert.Equal(0, interval.ExitCode);
        Assert.Contains("sonic_interval_seconds = 30: a running service follows it from its next cycle.", interval.Out, StringComparison.Ordinal);
        Assert.Contains("every 30 s (runtime settings (monitor_heartbeat))", interval.Out, StringComparison.Ordinal);
        var setting = (await _cli.RunAsync("settings", "--json")).Json["settings"]!.AsArray().Single(s => (string?)s!["key"] == "sonic_interval_seconds")!;
        Assert.Equal("30", (string?)setting["value"]);

        var disable = await _cli.RunAsync("sonic", "disable", "Market");
        Assert.Equal(0, disable.ExitCode);
        Assert.Contains("enabled_market = false: a running service applies it from its next cycle.", disable.Out, StringComparison.Ordinal);
        Assert.Equal("Disabled", (string?)(await _cli.RunAsync("run", "market_monitor", "--json")).Json["status"]);
        Assert.Equal(0, (await _cli.RunAsync("sonic", "enable", "market_monitor")).ExitCode);
        var json = (await _cli.RunAsync("sonic", "--json")).Json;
        Assert.True((bool)json["steps"]!.AsArray().Single(s => (string?)s!["monitor"] == "market_monitor")!["enabled"]!);
        Assert.Equal(0, (await _cli.RunAsync("sonic", "disable", "sonic")).ExitCode);
        Assert.False((bool)(await _cli.RunAsync("sonic", "--json")).Json["enabled"]!);
    }

    [Theory]
    [InlineData("interval", "30", "write it with a unit")]
    [InlineData("interval", "500ms", "not a duration")]
    [InlineData("interval", "1.5s", "whole seconds from 1s to 1d")]
    [InlineData("interval", "2d", "whole seconds from 1s to 1d")]
    [InlineData("disable", "price", "price_monitor has no toggle")]
    [InlineData("disable", "markt", "Did you mean 'market'?")]
    public async Task Sonic_refuses_what_it_cannot_apply_with_exit_2_and_stores_nothing(string command, string value, string says)
    {
        var result = await _cli.RunAsync("sonic", command, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        var view = (await _cli.RunAsync("sonic", "--json")).Json;
        Assert.Equal(60, (double)view["interval_seconds"]!);
        Assert.All(view["steps"]!.AsArray(), s => Assert.Equal((string?)s!["monitor"] != "risk_monitor", (bool)s["enabled"]!));
    }

    [Fact]
    public async Task A_broken_timer_file_is_reported_and_the_last_good_values_are_used()
    {
        await _cli.RunAsync("timers", "set", "latency_monitor", "90");
        await File.WriteAllTextAsync(_folder.File("config/timer_config.json"), "{ broken");

        var list = await _cli.RunAsync("timers");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("malformed", list.Error, StringComparison.Ordinal);
        Assert.Contains("90 s", list.Out, StringComparison.Ordinal);
        var set = await _cli.RunAsync("timers", "set", "latency_monitor", "60");
        Assert.Equal(2, set.ExitCode);
        Assert.Contains("malformed", set.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_output_of_list_status_and_ledger()
    {
        Assert.Matches(@"latency_monitor +5 min", (await _cli.RunAsync("list")).Out);
        Assert.Contains("never run", (await _cli.RunAsync("status")).Out, StringComparison.Ordinal);
        Assert.Contains("The ledger has no rows for latency_monitor.", (await _cli.RunAsync("ledger", "--monitor", "latency_monitor")).Out, StringComparison.Ordinal);

        var run = await _cli.RunAsync("run", "latency_monitor");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("latency_monitor: Success in 0 ms (ledger row #1, 2026-11-24T12:00:00Z)", run.Out, StringComparison.Ordinal);

        var status = await _cli.RunAsync("status");
        Assert.Contains("Healthy", status.Out, StringComparison.Ordinal);
        Assert.Contains("sonic: next cycle not scheduled, last complete never", status.Out, StringComparison.Ordinal);

        var ledger = await _cli.RunAsync("ledger");
        Assert.Contains("latency_monitor      Success", ledger.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_missing_path_exits_2()
    {
        var result = await _cli.RunAsync("ledger", "import-json", "no/such/file.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_one_file_in_text_mode()
    {
        var result = await _cli.RunAsync("ledger", "import-json", Fixtures.PathOf("legacy_ledgers/liquid_monitor_ledger.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 imported, 0 already present, 0 malformed", result.Out, StringComparison.Ordinal);
    }
}
