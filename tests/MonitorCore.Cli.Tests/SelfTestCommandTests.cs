namespace MonitorCore.Cli.Tests;

/// <summary>
/// <c>monitorcore selftest</c> against local stand-ins configured by the spec's legacy environment names: the
/// real SMTP server, the Twilio-speaking server and the OpenAI stand-in answering with the recorded fixtures.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SelfTestCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private SmtpServer _smtp = null!;
    private FakeTwilioServer _twilio = null!;
    private FakeOpenAIServer _openai = null!;
    private FakeMarketServer _market = null!;
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync("monitor", "s3cret-pass");
        _twilio = await FakeTwilioServer.StartAsync();
        _openai = await FakeOpenAIServer.StartAsync();
        _market = await FakeMarketServer.StartAsync();
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.Environment["SMTP_SERVER"] = _smtp.Host;
        _cli.Environment["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.Environment["SMTP_USERNAME"] = "monitor";
        _cli.Environment["SMTP_PASSWORD"] = "s3cret-pass";
        _cli.Environment["SMTP_DEFAULT_RECIPIENT"] = "trader@example.com";
        _cli.Environment["MONITORCORE_Notifications__Smtp__Security"] = "None";
        _cli.Environment["TWILIO_ACCOUNT_SID"] = FakeTwilioServer.AccountSid;
        _cli.Environment["TWILIO_AUTH_TOKEN"] = FakeTwilioServer.AuthToken;
        _cli.Environment["TWILIO_PHONE_NUMBER"] = FakeTwilioServer.FromNumber;
        _cli.Environment["MY_PHONE_NUMBER"] = FakeTwilioServer.ToNumber;
        _cli.Environment["MONITORCORE_Notifications__Twilio__BaseUrl"] = _twilio.BaseUrl;
        _cli.Environment["OPENAI_API_KEY"] = FakeOpenAIServer.ApiKey;
        _cli.Environment["MONITORCORE_Sources__OpenAI__BaseUrl"] = _openai.BaseUrl;
        foreach (var (key, value) in _market.Configuration())
        {
            _cli.Environment["MONITORCORE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _twilio.DisposeAsync();
        await _openai.DisposeAsync();
        await _market.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Selftest_prints_each_check_and_exits_0_when_all_pass()
    {
        var test = await _cli.RunAsync("selftest");

        Assert.Equal(0, test.ExitCode);
        var lines = test.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("CHECK", lines[0], StringComparison.Ordinal);
        foreach (var check in new[] { "configuration", "database", "smtp", "twilio", "coingecko (optional)", "yahoo (optional)", "jupiter (optional)", "openai (optional)" })
        {
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(check)}\s+ok\s+\d", lines.Single(l => l.StartsWith(check + " ", StringComparison.Ordinal)));
        }

        Assert.Contains("not configured: slack (set Notifications:Slack:WebhookUrl (or SLACK_WEBHOOK))", test.Out, StringComparison.Ordinal);
        Assert.Contains("operations_monitor: Success (ledger row #1)", test.Out, StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages());
        Assert.DoesNotContain(_twilio.Requests, r => r.Method == "POST");

        var ledger = Assert.Single((await _cli.RunAsync("ledger", "--monitor", "operations_monitor", "--json")).Json["entries"]!.AsArray());
        Assert.Equal("Success", (string?)ledger!["status"]);
    }

    [Fact]
    public async Task A_wrong_twilio_token_names_the_twilio_check_and_exits_1_without_printing_the_token()
    {
        _cli.Environment["TWILIO_AUTH_TOKEN"] = "0000wrong0000token0000";

        var test = await _cli.RunAsync("selftest");

        Assert.Equal(1, test.ExitCode);
        var twilio = test.Out.Split('\n').Single(l => l.StartsWith("twilio ", StringComparison.Ordinal));
        Assert.Matches(@"^twilio\s+error\s+.*Twilio authentication failed", twilio);
        Assert.Contains("operations_monitor: Error: checks failed: twilio", test.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0000wrong0000token0000", test.Out + test.Error, StringComparison.Ordinal);

        var json = await _cli.RunAsync("selftest", "--json");
        Assert.Equal(1, json.ExitCode);
        Assert.True((bool)json.Json["failed"]!);
        var check = json.Json["checks"]!.AsArray().Single(c => (string?)c!["name"] == "twilio")!;
        Assert.False((bool)check["ok"]!);
        Assert.True((bool)check["required"]!);
        Assert.Equal("Error", (string?)json.Json["run"]!["status"]);
    }

    [Fact]
    public async Task Only_an_optional_check_failing_is_a_warning_but_still_exits_1()
    {
        _cli.Environment["OPENAI_API_KEY"] = "sk-not-the-right-key-123456";

        var test = await _cli.RunAsync("selftest");

        Assert.Equal(1, test.ExitCode);
        Assert.Matches(@"openai \(optional\)\s+error\s+.*OpenAI refused the key", test.Out);
        Assert.Contains("operations_monitor: Warning: optional checks failed: openai", test.Out, StringComparison.Ordinal);
    }
}
