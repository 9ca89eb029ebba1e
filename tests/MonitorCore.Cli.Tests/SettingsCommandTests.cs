using System.Text.Json.Nodes;

namespace MonitorCore.Cli.Tests;

/// <summary>The runtime settings from the command line: the layer of the configuration between the file and the environment.</summary>
public sealed class SettingsCommandTests : IAsyncLifetime
{
    private const string Threshold = "Monitors:liquid_monitor:ThresholdPercent";

    private readonly TempDirectory _folder = new();
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        await File.WriteAllTextAsync(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
            near,SOL,LONG,182.5,174.3,1500,115,181
            """);
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
    }

    public Task DisposeAsync()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Dictionary<string, JsonNode>> ConfigAsync() =>
        (await _cli.RunAsync("config", "show", "--json")).Json["settings"]!.AsArray().ToDictionary(x => (string)x!["key"]!, x => x!);

    private async Task<Dictionary<string, JsonNode>> SettingsAsync() =>
        (await _cli.RunAsync("settings", "--json")).Json["settings"]!.AsArray().ToDictionary(x => (string)x!["key"]!, x => x!);

    [Fact]
    public async Task A_setting_changed_at_runtime_shows_in_config_show_with_its_source_and_applies_to_the_next_run()
    {
        Assert.Equal("default", (string?)(await ConfigAsync())[Threshold]["source"]);

        var set = await _cli.RunAsync("settings", "set", Threshold, "4.5");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains($"{Threshold} = 4.5 (runtime settings (system_vars))", set.Out, StringComparison.Ordinal);
        var shown = (await ConfigAsync())[Threshold];
        Assert.Equal(("4.5", "runtime settings (system_vars)"), ((string?)shown["value"], (string?)shown["source"]));
        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");
        Assert.Equal(4.5, (double)run.Json["metadata"]!["threshold_percent"]!);

        Assert.Equal(0, (await _cli.RunAsync("settings", "reset", Threshold)).ExitCode);
        Assert.Equal("default", (string?)(await ConfigAsync())[Threshold]["source"]);
        Assert.Equal(5, (double)(await _cli.RunAsync("run", "liquid_monitor", "--json")).Json["metadata"]!["threshold_percent"]!);
    }

    [Fact]
    public async Task The_environment_wins_over_a_runtime_setting_and_the_list_says_what_is_hidden()
    {
        Assert.Equal(0, (await _cli.RunAsync("settings", "set", Threshold, "4")).ExitCode);
        _cli.Environment["MONITORCORE_Monitors__liquid_monitor__ThresholdPercent"] = "6";

        var setting = (await SettingsAsync())[Threshold];

        Assert.Equal(("6", "environment (MONITORCORE_*)", "4"), ((string?)setting["value"], (string?)setting["source"], (string?)setting["runtime_value"]));
        Assert.Contains("hidden by the environment", (await _cli.RunAsync("settings")).Out, StringComparison.Ordinal);
        Assert.Equal(6, (double)(await _cli.RunAsync("run", "liquid_monitor", "--json")).Json["metadata"]!["threshold_percent"]!);
    }

    [Theory]
    [InlineData(Threshold, "0", "ThresholdPercent")]
    [InlineData(Threshold, "abc", "is not a number")]
    [InlineData("Monitors:liquid_monitor:Level", "LOUD", "one of LOW, MEDIUM, HIGH")]
    [InlineData("Monitors:market_monitor:HighNotify", "emial", "did you mean 'email'")]
    [InlineData("Notifications:Alerting:PhoneRelax", "900", "with a unit")]
    [InlineData("sonic_interval_seconds", "0", "between 1 and 86400")]
    [InlineData("enabled_market", "maybe", "true or false")]
    [InlineData("Monitors:liquid_monitor:Treshold", "3", "not a runtime setting")]
    public async Task A_value_the_setting_does_not_take_is_refused_with_the_reason_and_nothing_is_stored(string key, string value, string reason)
    {
        var before = await SettingsAsync();

        var refused = await _cli.RunAsync("settings", "set", key, value);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(reason, refused.Error, StringComparison.Ordinal);
        Assert.Equal(
            before.ToDictionary(p => p.Key, p => p.Value.ToJsonString()),
            (await SettingsAsync()).ToDictionary(p => p.Key, p => p.Value.ToJsonString()));
    }

    [Fact]
    public async Task A_typo_in_a_key_is_answered_with_the_key_it_resembles()
    {
        var refused = await _cli.RunAsync("settings", "set", "enabeld_market", "false");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Did you mean 'enabled_market'?", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toggles_and_the_cycle_interval_are_runtime_settings_too()
    {
        Assert.Equal(0, (await _cli.RunAsync("settings", "set", "enabled_market", "off")).ExitCode);
        Assert.Equal("Disabled", (string?)(await _cli.RunAsync("run", "market_monitor", "--json")).Json["status"]);

        Assert.Equal(0, (await _cli.RunAsync("settings", "set", "sonic_interval_seconds", "30")).ExitCode);
        var settings = await SettingsAsync();
        Assert.Equal(("30", "runtime settings (monitor_heartbeat)"), ((string?)settings["sonic_interval_seconds"]["value"], (string?)settings["sonic_interval_seconds"]["source"]));
        Assert.Equal(("false", "runtime settings (system_vars)"), ((string?)settings["enabled_market"]["value"], (string?)settings["enabled_market"]["source"]));
        var price = Assert.Single((await _cli.RunAsync("list", "--json")).Json["monitors"]!.AsArray(), m => (string?)m!["name"] == "price_monitor");
        Assert.Equal(30, (double)price!["interval_seconds"]!);
        Assert.Equal(false, (bool?)Assert.Single((await _cli.RunAsync("list", "--json")).Json["monitors"]!.AsArray(), m => (string?)m!["name"] == "market_monitor")!["enabled"]);
    }

    [Fact]
    public async Task An_asset_line_is_a_family_of_keys()
    {
        Assert.Equal(0, (await _cli.RunAsync("settings", "set", "Monitors:liquid_monitor:AssetThresholds:sol", "7")).ExitCode);

        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");

        var detail = Assert.Single(run.Json["metadata"]!["details"]!.AsArray());
        Assert.Equal(7, (double)detail!["threshold"]!);
        Assert.Equal("7", (string?)(await SettingsAsync())["Monitors:liquid_monitor:AssetThresholds:SOL"]["value"]);
    }

    [Fact]
    public async Task A_misspelt_setting_in_the_file_or_the_environment_stops_the_command_naming_it_and_the_nearest_that_exists()
    {
        _cli.WriteConfig(new { Notifcations = new { Sms = new { To = "+15550100" } } });

        var typo = await _cli.RunAsync("run", "liquid_monitor");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Notifcations:Sms:To: no such setting (did you mean Notifications?)", typo.Error);

        _cli.WriteConfig(new { });
        _cli.Environment["MONITORCORE_MONITORS__LIQUID_MONITR__THRESHOLDPERCENT"] = "5";
        var fromEnvironment = await _cli.RunAsync("run", "liquid_monitor");
        Assert.Equal(2, fromEnvironment.ExitCode);
        Assert.Contains("(did you mean Monitors:liquid_monitor?)", fromEnvironment.Error);

        _cli.Environment.Remove("MONITORCORE_MONITORS__LIQUID_MONITR__THRESHOLDPERCENT");
        Assert.Equal(0, (await _cli.RunAsync("run", "liquid_monitor")).ExitCode);
    }

    [Fact]
    public async Task A_log_level_that_is_not_one_is_refused_with_the_levels_that_exist()
    {
        _cli.WriteConfig(new { Logging = new { LogLevel = new { Default = "Verbose" } } });

        var result = await _cli.RunAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Logging:LogLevel:Default: 'Verbose' is not a log level; use one of Trace, Debug, Information", result.Error);
    }
}
