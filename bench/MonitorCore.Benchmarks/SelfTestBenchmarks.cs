using System.Globalization;
using BenchmarkDotNet.Attributes;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Testing;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The self-test (<c>operations_monitor</c>, <c>monitorcore selftest</c>) with every provider configured, each at a local
/// stand-in: the real SMTP server (aiosmtpd, with sign-in), the Twilio-speaking server, the OpenAI stand-in, the
/// fake market for CoinGecko, Yahoo and Jupiter, a Slack webhook on <c>localhost</c> (resolved, never posted), and the
/// SQLite database. Mean is one whole self-test: ten checks at once, one ledger row.
/// </summary>
[MemoryDiagnoser]
public class SelfTestBenchmarks
{
    private SmtpServer _smtp = null!;
    private FakeTwilioServer _twilio = null!;
    private FakeOpenAIServer _openai = null!;
    private FakeMarketServer _market = null!;
    private string _folder = null!;
    private MonitorCoreApp _host = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _smtp = await SmtpServer.StartAsync("monitor", "bench-pw");
        _twilio = await FakeTwilioServer.StartAsync();
        _openai = await FakeOpenAIServer.StartAsync();
        _market = await FakeMarketServer.StartAsync();
        _folder = BenchData.NewTempFolder("selftest");
        var settings = _market.Configuration();
        settings["Notifications:Smtp:Host"] = _smtp.Host;
        settings["Notifications:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        settings["Notifications:Smtp:Security"] = "None";
        settings["Notifications:Smtp:Username"] = "monitor";
        settings["Notifications:Smtp:Password"] = "bench-pw";
        settings["Notifications:Smtp:To"] = "trader@example.com";
        settings["Notifications:Twilio:BaseUrl"] = _twilio.BaseUrl;
        settings["Notifications:Twilio:AccountSid"] = FakeTwilioServer.AccountSid;
        settings["Notifications:Twilio:AuthToken"] = FakeTwilioServer.AuthToken;
        settings["Notifications:Twilio:FromNumber"] = FakeTwilioServer.FromNumber;
        settings["Notifications:Twilio:ToNumber"] = FakeTwilioServer.ToNumber;
        settings["Notifications:Slack:WebhookUrl"] = "http://localhost:9/services/T000/B000/XXXXXXXX";
        settings["Notifications:Webhook:Url"] = _market.BaseUrl + "/hook";
        settings["Sources:OpenAI:BaseUrl"] = _openai.BaseUrl;
        settings["Sources:OpenAI:ApiKey"] = FakeOpenAIServer.ApiKey;
        _host = MonitorCoreApp.Build(new HostSettings(_folder, new Dictionary<string, string?>(), Overrides: settings));
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        var first = await _host.Operations.SelfTest.RunAsync(CancellationToken.None);
        if (first.Failed || first.NotConfigured.Count > 0)
        {
            throw new InvalidOperationException($"the self-test should pass with every provider configured: {first.Run.Metadata.ToJsonString()}");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _twilio.DisposeAsync();
        await _openai.DisposeAsync();
        await _market.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    [Benchmark]
    public Task SelfTest() => _host.Operations.SelfTest.RunAsync(CancellationToken.None);
}
