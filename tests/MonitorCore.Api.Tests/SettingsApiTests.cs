using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>The runtime settings, the market config, the timers.</summary>
public abstract class SettingsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private async Task<JsonNode> SettingAsync(string key) =>
        (await Client.Get("api/settings")).Is(HttpStatusCode.OK).Json["settings"]!.AsArray().Single(s => (string?)s!["key"] == key)!;

    [Fact]
    public async Task Settings_are_listed_with_value_source_type_and_choices()
    {
        var theme = await SettingAsync("theme_mode");
        Assert.Equal("dark", (string?)theme["value"]);
        Assert.Equal("default", (string?)theme["source"]);
        Assert.Equal(["dark", "light"], theme["choices"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("60", (string?)(await SettingAsync("sonic_interval_seconds"))["value"]);
        Assert.Equal("theme_mode", (string?)(await Client.Get("api/settings/THEME_MODE")).Is(HttpStatusCode.OK).Json["key"]);
    }

    [Fact]
    public async Task Put_changes_a_setting_with_its_runtime_source_and_delete_brings_the_default_back()
    {
        var set = (await Client.Put("api/settings/theme_mode", new { value = "Light" })).Is(HttpStatusCode.OK).Json;
        Assert.Equal("light", (string?)set["value"]);
        Assert.Equal("runtime settings (system_vars)", (string?)set["source"]);
        Assert.Equal("light", (string?)(await SettingAsync("theme_mode"))["value"]);

        var reset = (await Client.Delete("api/settings/theme_mode")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("dark", (string?)reset["value"]);
        Assert.Equal("default", (string?)(await SettingAsync("theme_mode"))["source"]);

        (await Client.Put("api/settings/sonic_interval_seconds", new { value = "90" })).Is(HttpStatusCode.OK);
        Assert.Equal(90, (double?)(await Client.Get("monitors")).Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "price_monitor")!["interval_seconds"]);
    }

    [Fact]
    public async Task A_configuration_setting_applies_from_the_next_run()
    {
        (await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
        var set = (await Client.Put("api/settings/Monitors:liquid_monitor:ThresholdPercent", new { value = "7.5" })).Is(HttpStatusCode.OK).Json;
        Assert.Equal("7.5", (string?)set["value"]);

        var run = Assert.Single((await Client.Post("monitor/liquid_monitor")).Json["runs"]!.AsArray())!;
        Assert.Equal(7.5, (double?)run["metadata"]!["threshold_percent"]);

        var asset = (await Client.Put("api/settings/Monitors:liquid_monitor:AssetThresholds:sol", new { value = "9" })).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Monitors:liquid_monitor:AssetThresholds:SOL", (string?)asset["key"]);
        (await Client.Delete("api/settings/Monitors:liquid_monitor:ThresholdPercent")).Is(HttpStatusCode.OK);
        Assert.Equal(5, (double?)Assert.Single((await Client.Post("monitor/liquid_monitor")).Json["runs"]!.AsArray())!["metadata"]!["threshold_percent"]);
    }

    [Theory]
    [InlineData("theme_mode", "purple")]
    [InlineData("enabled_risk", "maybe")]
    [InlineData("sonic_interval_seconds", "0")]
    [InlineData("sonic_interval_seconds", "1.5")]
    [InlineData("Monitors:liquid_monitor:ThresholdPercent", "lots")]
    [InlineData("Monitors:liquid_monitor:Level", "CRITICAL")]
    [InlineData("Notifications:Alerting:PhoneRelax", "30")]
    [InlineData("Notifications:Alerting:Hysteresis", "2")]
    public async Task A_value_the_setting_does_not_take_is_a_400_problem_and_nothing_is_stored(string key, string value)
    {
        var before = await SettingAsync(key);

        var problem = (await Client.Put("api/settings/" + key, new { value })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("value", (string?)problem["field"]);
        Assert.Equal(before.ToJsonString(), (await SettingAsync(key)).ToJsonString());
    }

    [Fact]
    public async Task A_missing_value_is_a_400_problem() =>
        Assert.Equal("value", (string?)(await Client.Put("api/settings/theme_mode", new { })).Problem(HttpStatusCode.BadRequest)["field"]);

    [Fact]
    public async Task An_unknown_key_is_a_404_problem_with_the_nearest_one_for_get_put_and_delete()
    {
        var put = (await Client.Put("api/settings/theme_mod", new { value = "light" })).Problem(HttpStatusCode.NotFound);
        Assert.Contains("Did you mean 'theme_mode'?", (string?)put["detail"], StringComparison.Ordinal);
        Assert.Equal("key", (string?)put["field"]);
        (await Client.Get("api/settings/Database:Connection")).Problem(HttpStatusCode.NotFound);
        (await Client.Delete("api/settings/nope")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_market_config_shows_windows_anchors_and_defaults_and_takes_a_window()
    {
        var market = (await Client.Get("api/market")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["1h", "6h", "24h"], market["windows"]!.AsArray().Select(w => (string)w!));
        Assert.Equal(2, (double?)market["defaults"]!["threshold_percent"]);
        Assert.Empty(market["config"]!["windows"]!.AsArray());

        var set = (await Client.Put("api/market/windows/1h", new { threshold_percent = 3.5, direction = "up" })).Is(HttpStatusCode.OK).Json;
        var window = Assert.Single(set["config"]!["windows"]!.AsArray())!;
        Assert.Equal("1h", (string?)window["window"]);
        Assert.Equal(3.5, (double?)window["threshold_percent"]);
        Assert.Equal("UP", (string?)window["direction"]);
        (await Client.Put("api/market/windows/1h", new { threshold_percent = 4 })).Is(HttpStatusCode.OK);
        var again = Assert.Single((await Client.Get("api/market")).Json["config"]!["windows"]!.AsArray())!;
        Assert.Equal(4, (double?)again["threshold_percent"]);
        Assert.Equal("BOTH", (string?)again["direction"]);
    }

    [Theory]
    [InlineData("2h", """{"threshold_percent": 3}""", null)]
    [InlineData("1h", """{"threshold_percent": 0}""", null)]
    [InlineData("1h", """{"threshold_percent": -1}""", null)]
    [InlineData("1h", """{"direction": "UP"}""", "threshold_percent")]
    [InlineData("1h", """{"threshold_percent": 3, "direction": "LEFT"}""", null)]
    public async Task A_bad_window_is_a_400_problem_and_nothing_is_stored(string window, string body, string? field)
    {
        var before = (await Client.Get("api/market")).Body;

        var problem = (await Client.Put("api/market/windows/" + window, HttpClientReplies.Text(body, "application/json"))).Problem(HttpStatusCode.BadRequest);

        if (field is not null)
        {
            Assert.Equal(field, (string?)problem["field"]);
        }

        Assert.Equal(before, (await Client.Get("api/market")).Body);
    }

    [Fact]
    public async Task An_anchor_is_set_and_rearmed_at_the_next_price()
    {
        var set = (await Client.Put("api/market/anchors/btc", new { price = 90000, delta_percent = 4, mode = "single" })).Is(HttpStatusCode.OK).Json;
        var anchor = set["config"]!["anchors"]!["BTC"]!;
        Assert.Equal(90000, (double?)anchor["price"]);
        Assert.Equal(4, (double?)anchor["delta_percent"]);
        Assert.Equal("SINGLE", (string?)anchor["mode"]);

        var rearmed = (await Client.Post("api/market/anchors/BTC/rearm")).Is(HttpStatusCode.OK).Json["config"]!["anchors"]!["BTC"]!;
        Assert.Null((double?)rearmed["price"]);
        Assert.False((bool?)rearmed["disarmed"]);
        Assert.Equal("SINGLE", (string?)rearmed["mode"]);

        (await Client.Put("api/market/anchors/BTC", new { price = -3 })).Problem(HttpStatusCode.BadRequest);
        (await Client.Put("api/market/anchors/BTC", new { delta_percent = 100 })).Problem(HttpStatusCode.BadRequest);
        (await Client.Put("api/market/anchors/not an asset", new { price = 3 })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(rearmed.ToJsonString(), (await Client.Get("api/market")).Json["config"]!["anchors"]!["BTC"]!.ToJsonString());
    }

    [Fact]
    public async Task A_timer_override_changes_the_interval_and_its_removal_brings_the_default_back()
    {
        var timers = (await Client.Get("api/timers")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(Api.App.Registry.Names, timers["timers"]!.AsArray().Select(t => (string)t!["monitor"]!));
        Assert.Null((string?)timers["problem"]);

        var set = (await Client.Put("api/timers/latency_monitor", new { seconds = 120 })).Is(HttpStatusCode.OK).Json;
        Assert.Equal(120, (double?)set["interval_seconds"]);
        var latency = (await Client.Get("api/timers")).Json["timers"]!.AsArray().Single(t => (string?)t!["monitor"] == "latency_monitor")!;
        Assert.Equal(120, (double?)latency["interval_seconds"]);
        Assert.True((bool?)latency["overridden"]);
        Assert.Equal(120, (double?)(await Client.Get("monitors")).Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "latency_monitor")!["interval_seconds"]);

        var unset = (await Client.Delete("api/timers/latency_monitor")).Is(HttpStatusCode.OK).Json;
        Assert.Null((double?)unset["interval_seconds"]);
        Assert.True((long)unset["version"]! > (long)set["version"]!);
        var back = (await Client.Get("api/timers")).Json["timers"]!.AsArray().Single(t => (string?)t!["monitor"] == "latency_monitor")!;
        Assert.Equal(300, (double?)back["interval_seconds"]);
        Assert.False((bool?)back["overridden"]);
    }

    [Fact]
    public async Task A_bad_timer_is_refused_and_nothing_is_written()
    {
        Assert.Equal("monitor", (string?)(await Client.Put("api/timers/nope", new { seconds = 60 })).Problem(HttpStatusCode.NotFound)["field"]);
        Assert.Equal("seconds", (string?)(await Client.Put("api/timers/latency_monitor", new { seconds = 0 })).Problem(HttpStatusCode.BadRequest)["field"]);
        Assert.Equal("seconds", (string?)(await Client.Put("api/timers/latency_monitor", new { })).Problem(HttpStatusCode.BadRequest)["field"]);
        (await Client.Delete("api/timers/nope")).Problem(HttpStatusCode.NotFound);
        Assert.All((await Client.Get("api/timers")).Json["timers"]!.AsArray(), t => Assert.False((bool?)t!["overridden"]));
    }
}

public sealed class SqliteSettingsApiTests() : SettingsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresSettingsApiTests(PostgresFixture postgres) : SettingsApiTests(new PostgresDatabaseFactory(postgres));
