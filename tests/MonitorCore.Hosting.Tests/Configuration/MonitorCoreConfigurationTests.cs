using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Hosting.Tests.Configuration;

public sealed class MonitorCoreConfigurationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private HostSettings Settings(Dictionary<string, string?>? environment = null, string? configFile = null, string? database = null) =>
        new(_folder.Path, environment ?? [], configFile, database);

    [Fact]
    public void Command_line_beats_environment_beats_file_beats_default()
    {
        File.WriteAllText(_folder.File("monitorcore.json"), """
            { "Database": { "Connection": "from-file.db", "Synchronous": "Full" },
              "Monitors": { "latency_monitor": { "SlowThreshold": "00:00:03" } } }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["MONITORCORE_DB"] = "from-env.db",
            ["MONITORCORE_Monitors__latency_monitor__SlowThreshold"] = "00:00:04",
        };

        var fromEnvironment = MonitorCoreConfiguration.Build(Settings(environment));
        Assert.Equal("from-env.db", fromEnvironment["Database:Connection"]);
        Assert.Equal("00:00:04", fromEnvironment["Monitors:latency_monitor:SlowThreshold"]);
        Assert.Equal("Full", fromEnvironment["Database:Synchronous"]);
        Assert.Equal("environment (MONITORCORE_*)", MonitorCoreConfiguration.SourceOf(fromEnvironment, "Database:Connection"));
        Assert.StartsWith("file ", MonitorCoreConfiguration.SourceOf(fromEnvironment, "Database:Synchronous"), StringComparison.Ordinal);
        Assert.Equal("default", MonitorCoreConfiguration.SourceOf(fromEnvironment, "Ledger:RetentionDays"));

        var fromCommandLine = MonitorCoreConfiguration.Build(Settings(environment, database: "from-cli.db"));
        Assert.Equal("from-cli.db", fromCommandLine["Database:Connection"]);
        Assert.Equal("command line", MonitorCoreConfiguration.SourceOf(fromCommandLine, "Database:Connection"));
    }

    [Fact]
    public void Legacy_names_apply_and_the_prefixed_names_win_over_them()
    {
        var environment = new Dictionary<string, string?>
        {
            ["LIQ_MON_THRESHOLD_PERCENT"] = "7.5",
            ["TWILIO_AUTH_TOKEN"] = "tok",
            ["SMTP_SERVER"] = "mail.example",
            ["SLACK_WEBHOOK"] = "",
            ["MONITORCORE_Notifications__Smtp__Host"] = "smtp.example",
        };

        var configuration = MonitorCoreConfiguration.Build(Settings(environment));

        Assert.Equal("7.5", configuration["Monitors:liquid_monitor:ThresholdPercent"]);
        Assert.Equal("tok", configuration["Notifications:Twilio:AuthToken"]);
        Assert.Equal("smtp.example", configuration["Notifications:Smtp:Host"]);
        Assert.Null(configuration["Notifications:Slack:WebhookUrl"]);
        Assert.Equal("environment (legacy names)", MonitorCoreConfiguration.SourceOf(configuration, "Notifications:Twilio:AuthToken"));
    }

    [Fact]
    public void Every_documented_legacy_name_maps_to_a_key()
    {
        string[] documented =
        [
            "LIQ_MON_THRESHOLD_PERCENT", "LIQ_MON_SNOOZE_SECONDS", "LIQ_MON_LEVEL", "LIQ_MON_ENABLED", "LIQ_MON_SMS_ALERT",
            "LIQ_MON_VOICE_ALERT", "LIQ_MON_WINDOWS_ALERT", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
            "MY_PHONE_NUMBER", "SMTP_SERVER", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_DEFAULT_RECIPIENT",
            "SLACK_WEBHOOK", "OPENAI_API_KEY",
        ];
        var configuration = MonitorCoreConfiguration.Build(Settings(documented.ToDictionary(n => n, n => (string?)("v-" + n))));
        foreach (var name in documented)
        {
            Assert.Equal("v-" + name, configuration[LegacyEnvironmentSource.Names[name]]);
        }
    }

    [Fact]
    public void A_missing_explicit_config_file_is_an_error_naming_it()
    {
        var ex = Assert.Throws<ConfigurationErrorException>(() => MonitorCoreConfiguration.Build(Settings(configFile: "nope.json")));
        Assert.Contains("nope.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--config", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_config_file_is_an_error_naming_the_file_and_the_place()
    {
        File.WriteAllText(_folder.File("broken.json"), "{ \"Database\": { \"Connection\": }");
        var ex = Assert.Throws<ConfigurationErrorException>(() => MonitorCoreConfiguration.Build(Settings(configFile: "broken.json")));
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Problems);
    }

    [Theory]
    [InlineData("Notifications:Twilio:AuthToken", "abc", "***")]
    [InlineData("Notifications:Smtp:Password", "abc", "***")]
    [InlineData("Sources:CoinGecko:ApiKey", "abc", "***")]
    [InlineData("Notifications:Slack:WebhookUrl", "https://hooks.slack.com/x", "***")]
    [InlineData("Database:Connection", "Host=db;Password=hunter2;Database=m", "Host=db;Password=***;Database=m")]
    [InlineData("Sources:Jupiter:BaseUrl", "https://user:pw@jup.example/", "https://user:***@jup.example/")]
    [InlineData("Sources:Jupiter:BaseUrl", "https://jup.example/", "https://jup.example/")]
    [InlineData("Notifications:Webhook:Url", "https://hooks.example/in?token=s3cr3t&team=ops#x", "https://hooks.example/in?token=***&team=***#x")]
    [InlineData("Monitors:exchange_up:Url", "see https://a.example/p?sig=abc and https://b.example/?k=v", "see https://a.example/p?sig=*** and https://b.example/?k=***")]
    [InlineData("Monitors:latency_monitor:SlowThreshold", "00:00:02", "00:00:02")]
    [InlineData("Any:Key", null, null)]
    public void Secrets_are_masked(string key, string? value, string? shown) =>
        Assert.Equal(shown, SecretMask.Apply(key, value));
}
