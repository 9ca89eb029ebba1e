using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Monitors.Tests.Operations;

/// <summary>
/// <c>operations_monitor</c>, the self-test, against a real SMTP server (aiosmtpd, with sign-in), the local
/// Twilio-speaking server, a local OpenAI stand-in answering with the recorded fixtures and the fake market.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OperationsMonitorTests : IAsyncLifetime
{
    private const string Name = "operations_monitor";
    private const string SmtpUser = "trader";
    private const string SmtpPassword = "smtp-pw-7f3a91";
    private SmtpServer _smtp = null!;
    private FakeTwilioServer _twilio = null!;
    private FakeOpenAIServer _openai = null!;
    private FakeMarketServer _market = null!;
    private LocalHttpServer _slack = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync(SmtpUser, SmtpPassword);
        _twilio = await FakeTwilioServer.StartAsync();
        _openai = await FakeOpenAIServer.StartAsync();
        _market = await FakeMarketServer.StartAsync();
        _slack = await LocalHttpServer.StartAsync(200, "ok", "text/plain");
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _twilio.DisposeAsync();
        await _openai.DisposeAsync();
        await _market.DisposeAsync();
        await _slack.DisposeAsync();
    }

    /// <summary>Every provider configured and pointed at its local stand-in.</summary>
    private Dictionary<string, string?> Everything()
    {
        var configuration = _market.Configuration();
        configuration["Notifications:Smtp:Host"] = _smtp.Host;
        configuration["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Notifications:Smtp:Security"] = "None";
        configuration["Notifications:Smtp:Username"] = SmtpUser;
        configuration["Notifications:Smtp:Password"] = SmtpPassword;
        configuration["Notifications:Smtp:To"] = "trader@example.com";
        configuration["Notifications:Twilio:BaseUrl"] = _twilio.BaseUrl;
        configuration["Notifications:Twilio:AccountSid"] = FakeTwilioServer.AccountSid;
        configuration["Notifications:Twilio:AuthToken"] = FakeTwilioServer.AuthToken;
        configuration["Notifications:Twilio:FromNumber"] = FakeTwilioServer.FromNumber;
        configuration["Notifications:Twilio:ToNumber"] = FakeTwilioServer.ToNumber;
        configuration["Notifications:Slack:WebhookUrl"] = $"http://localhost:{_slack.BaseUri.Port}/services/T000/B000/XXXXXXXXXXXXXXXX";
        configuration["Sources:OpenAI:BaseUrl"] = _openai.BaseUrl;
        configuration["Sources:OpenAI:ApiKey"] = FakeOpenAIServer.ApiKey;
        return configuration;
    }

    private static JsonObject Check(JsonObject metadata, string name) => metadata["checks"]![name]!.AsObject();

    [Fact]
    public async Task Every_configured_provider_and_feed_is_checked_with_its_credentials_and_nothing_is_sent()
    {
        await using var host = await TestHost.StartAsync(Everything());

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        var checks = run.Metadata["checks"]!.AsObject();
        Assert.Equal(
            ["configuration", "database", "smtp", "twilio", "slack", "coingecko", "yahoo", "jupiter", "openai"],
            checks.Select(c => c.Key));
        foreach (var (name, check) in checks)
        {
            Assert.True((bool)check!["ok"]!, $"{name}: {check["error"]}");
            Assert.Equal(0, (double)check["ms"]!); // the fake clock did not move
        }

        Assert.True((bool)Check(run.Metadata, "twilio")["required"]!);
        Assert.False((bool)Check(run.Metadata, "openai")["required"]!);
        Assert.Contains($"signed in as {SmtpUser}", (string?)Check(run.Metadata, "smtp")["detail"], StringComparison.Ordinal);
        Assert.Contains("2 models", (string?)Check(run.Metadata, "openai")["detail"], StringComparison.Ordinal);
        Assert.Equal(["webhook"], run.Metadata["not_configured"]!.AsObject().Select(p => p.Key));

        Assert.Empty(_smtp.Messages()); // signed in, sent nothing
        var twilio = Assert.Single(_twilio.Requests);
        Assert.Equal(("GET", $"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}.json"), (twilio.Method, twilio.PathAndQuery));
        Assert.Empty(_slack.Requests); // the webhook's host resolved; nothing posted
        var openai = Assert.Single(_openai.Requests);
        Assert.Equal(("GET", "/v1/models", "Bearer " + FakeOpenAIServer.ApiKey), (openai.Method, openai.PathAndQuery, openai.Headers["Authorization"]));
        Assert.Equal(1, _market.CountOf(FakeMarketServer.Ping));
        Assert.Equal(1, _market.CountOf(FakeMarketServer.Chart));
    }

    [Fact]
    public async Task A_wrong_twilio_token_is_an_error_naming_twilio_without_the_token()
    {
        var configuration = Everything();
        configuration["Notifications:Twilio:AuthToken"] = "wrong-token-5d2c9e";
        await using var host = await TestHost.StartAsync(configuration);

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        Assert.Equal("checks failed: twilio", (string?)run.Metadata["error"]);
        var twilio = Check(run.Metadata, "twilio");
        Assert.False((bool)twilio["ok"]!);
        Assert.Contains("Twilio authentication failed", (string?)twilio["error"], StringComparison.Ordinal);
        Assert.Equal(["twilio"], run.Metadata["failed"]!.AsArray().Select(f => (string)f!));
        Assert.DoesNotContain("wrong-token-5d2c9e", run.Metadata.ToJsonString(), StringComparison.Ordinal);
        Assert.True((bool)Check(run.Metadata, "smtp")["ok"]!); // one provider failing hides no other
    }

    [Fact]
    public async Task A_refused_smtp_password_is_an_error_naming_smtp_without_the_password()
    {
        var configuration = Everything();
        configuration["Notifications:Smtp:Password"] = "not-the-password-41";
        await using var host = await TestHost.StartAsync(configuration);

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        var smtp = Check(run.Metadata, "smtp");
        Assert.False((bool)smtp["ok"]!);
        Assert.Contains($"SMTP authentication failed for '{SmtpUser}'", (string?)smtp["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-41", run.Metadata.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task A_refused_openai_key_is_only_a_warning_naming_openai_without_the_key()
    {
        var configuration = Everything();
        configuration["Sources:OpenAI:ApiKey"] = "sk-test-wrong-key-000111222333";
        await using var host = await TestHost.StartAsync(configuration);

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal("optional checks failed: openai", (string?)run.Metadata["warning"]);
        Assert.Contains("OpenAI refused the key (HTTP 401, invalid_api_key: Incorrect API key provided", (string?)Check(run.Metadata, "openai")["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-wrong-key-000111222333", run.Metadata.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slack_webhook_whose_host_does_not_resolve_is_an_error_and_nothing_is_posted()
    {
        var configuration = Everything();
        configuration["Notifications:Slack:WebhookUrl"] = "https://hooks.monitorcore.invalid/services/T000/B000/SECRETSECRETSECRET";
        await using var host = await TestHost.StartAsync(configuration);

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        Assert.Contains("hooks.monitorcore.invalid does not resolve", (string?)Check(run.Metadata, "slack")["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSECRETSECRET", run.Metadata.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_that_do_not_answer_are_a_warning_and_unconfigured_providers_name_their_keys()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>()); // offline sources, no provider

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal("optional checks failed: coingecko, yahoo, jupiter", (string?)run.Metadata["warning"]);
        Assert.Equal("unreachable: ConnectionRefused", (string?)Check(run.Metadata, "coingecko")["error"]);
        Assert.True((bool)Check(run.Metadata, "database")["ok"]!);
        var notConfigured = run.Metadata["not_configured"]!.AsObject();
        Assert.Equal(["smtp", "twilio", "slack", "webhook", "openai"], notConfigured.Select(p => p.Key));
        Assert.Contains("SMTP_SERVER", (string?)notConfigured["smtp"], StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", (string?)notConfigured["openai"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_answering_5xx_fails_its_check_and_the_demo_market_answers_every_feed()
    {
        _market.Serve(FakeMarketServer.Ping, new FakeMarketServer.Answer(503, "maintenance"));
        await using (var host = await TestHost.StartAsync(_market.Configuration()))
        {
            var run = await host.RunAsync(Name);
            Assert.Equal("HTTP 503: server error (maintenance)", (string?)Check(run.Metadata, "coingecko")["error"]);
            Assert.True((bool)Check(run.Metadata, "yahoo")["ok"]!);
        }

        await using var demo = await TestHost.StartAsync(new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" });
        var demoRun = await demo.RunAsync(Name);
        Assert.Equal(MonitorStatus.Success, demoRun.Status);
        Assert.Equal("answered HTTP 200 (demo market)", (string?)Check(demoRun.Metadata, "jupiter")["detail"]);
    }

    [Fact]
    public async Task A_malformed_timer_file_fails_the_configuration_check()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>());
        var timers = host.Get<MonitorCore.Data.Files.TimerConfig>();
        Directory.CreateDirectory(Path.GetDirectoryName(timers.Path)!);
        await File.WriteAllTextAsync(timers.Path, "{ not json");

        var run = await host.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        var configuration = Check(run.Metadata, "configuration");
        Assert.False((bool)configuration["ok"]!);
        Assert.Contains("timer_config.json", (string?)configuration["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_never_answers_fails_on_its_own_deadline_without_holding_the_others()
    {
        var (silent, arrived) = await HangingAsync();
        await using var _ = silent;
        var configuration = Everything();
        configuration["Sources:OpenAI:BaseUrl"] = silent.BaseUri.ToString();
        await using var host = await TestHost.StartAsync(configuration);

        var running = host.RunAsync(Name);
        await arrived;
        while (!running.IsCompleted)
        {
            host.Time.Advance(TimeSpan.FromSeconds(1)); // the check's deadline is on the fake clock
            await Task.WhenAny(running, Task.Delay(10));
        }

        var run = await running;
        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal("no answer within 20 s", (string?)Check(run.Metadata, "openai")["error"]);
        Assert.True((bool)Check(run.Metadata, "twilio")["ok"]!);
        Assert.Equal(0, (double)Check(run.Metadata, "twilio")["ms"]!);
    }

    private static async Task<(LocalHttpServer Server, Task Arrived)> HangingAsync()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await LocalHttpServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        return (server, arrived.Task);
    }
}
