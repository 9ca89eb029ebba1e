using System.Text.Json.Nodes;

namespace MonitorCore.Cli.Tests;

/// <summary><c>config show</c>: every section, enums by name, every secret masked, and no key that is not a setting.</summary>
public sealed class ConfigShowTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public ConfigShowTests() => _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));

    public void Dispose() => _folder.Dispose();

    private async Task<Dictionary<string, (string? Value, string Source)>> ShowAsync()
    {
        var result = await _cli.RunAsync("config", "show", "--json");
        Assert.Equal(0, result.ExitCode);
        return result.Json["settings"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => ((string?)s!["value"], (string)s["source"]!));
    }

    [Fact]
    public async Task The_latency_targets_the_priced_assets_the_timer_file_the_log_levels_and_the_api_show_with_their_defaults()
    {
        var settings = await ShowAsync();

        Assert.Equal(("coingecko", "default"), settings["Monitors:latency_monitor:Targets:0:Name"]);
        Assert.EndsWith("/api/v3/ping", settings["Monitors:latency_monitor:Targets:0:Url"].Value, StringComparison.Ordinal);
        Assert.Equal("jupiter", settings["Monitors:latency_monitor:Targets:1:Name"].Value);
        Assert.Equal("BTC", settings["Monitors:price_monitor:Assets:0:Symbol"].Value);
        Assert.Equal("^GSPC", settings["Monitors:price_monitor:Indexes:0:YahooSymbol"].Value);
        Assert.Equal(("config/timer_config.json", "default"), settings["Timers:Path"]);
        Assert.Equal("Warning", settings["Logging:LogLevel:Default"].Value);
        Assert.Equal("http://127.0.0.1:5000", settings["Api:Urls"].Value);
        Assert.DoesNotContain(settings.Keys, k => k.Contains("Effective", StringComparison.Ordinal) || k.EndsWith(":HasKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_set_in_the_file_replaces_the_default_list_and_enums_show_as_names()
    {
        _cli.WriteConfig(new
        {
            Monitors = new { latency_monitor = new { Targets = new[] { new { Name = "mine", Url = "http://127.0.0.1:9/ping" } } } },
            Database = new { Synchronous = "full" },
            Logging = new { LogLevel = new { Default = "Information" } },
            Timers = new { Path = "elsewhere/timers.json" },
        });

        var settings = await ShowAsync();

        Assert.Equal("mine", settings["Monitors:latency_monitor:Targets:0:Name"].Value);
        Assert.StartsWith("file ", settings["Monitors:latency_monitor:Targets:0:Name"].Source, StringComparison.Ordinal);
        Assert.False(settings.ContainsKey("Monitors:latency_monitor:Targets:1:Name"));
        Assert.Equal("Full", settings["Database:Synchronous"].Value);
        Assert.Equal(("Information", "file"), (settings["Logging:LogLevel:Default"].Value, settings["Logging:LogLevel:Default"].Source[..4]));
        Assert.Equal("elsewhere/timers.json", settings["Timers:Path"].Value);
        Assert.Equal("Warning", settings["Logging:LogLevel:Polly"].Value); // the defaults the file does not change
        var text = (await _cli.RunAsync("config", "show")).Out;
        Assert.Matches(@"Database:Synchronous +Full ", text);
        Assert.DoesNotMatch(@"Database:Synchronous +\d", text);
    }

    [Fact]
    public async Task Secrets_are_masked_in_lists_and_in_url_query_values()
    {
        _cli.WriteConfig(new
        {
            Api = new { Keys = new[] { "k-hunter2-very-secret" }, ReadOnlyKeys = new[] { "ro-hunter3" } },
            Notifications = new { Webhook = new { Url = "https://hooks.example.com/x?token=hunter4&sig=zz", Secret = "hunter5" } },
        });

        var result = await _cli.RunAsync("config", "show");
        var json = await _cli.RunAsync("config", "show", "--json");

        foreach (var secret in new[] { "hunter2", "hunter3", "hunter4", "hunter5" })
        {
            Assert.DoesNotContain(secret, result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, json.Out, StringComparison.Ordinal);
        }

        var settings = json.Json["settings"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => (string?)s!["value"]);
        Assert.Equal("***", settings["Api:Keys:0"]);
        Assert.Equal("https://hooks.example.com/x?token=***&sig=***", settings["Notifications:Webhook:Url"]);
    }
}
