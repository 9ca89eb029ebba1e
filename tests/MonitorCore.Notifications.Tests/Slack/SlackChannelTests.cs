using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Notifications.Tests.Slack;

/// <summary>Slack incoming webhooks at a local server answering as Slack does: plain-text bodies.</summary>
public class SlackChannelTests : ChannelConformanceTests
{
    private const string Path = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    protected override string ChannelName => ChannelNames.Slack;

    protected override IReadOnlyList<string> RequiredKeys => ["Notifications:Slack:WebhookUrl", "SLACK_WEBHOOK"];

    protected override async Task<Hang> HangAsync()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await LocalHttpServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var configuration = Slack(server);
        configuration["Notifications:Slack:Timeout"] = "00:00:04";
        return new Hang(configuration, TimeSpan.FromSeconds(4), arrived.Task, server, [Path, "XXXXXXXXXXXXXXXXXXXXXXXX"]);
    }

    private static Dictionary<string, string?> Slack(LocalHttpServer server) => new() { ["Notifications:Slack:WebhookUrl"] = server.Url(Path) };

    /// <summary>Slack's answer: a status and a plain-text body, with extra headers.</summary>
    private static Task<LocalHttpServer> SlackAsync(int status, string body, params (string Name, string Value)[] headers) =>
        LocalHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body);
        });

    [Fact]
    public async Task The_subject_and_body_are_posted_as_json_text_and_ok_is_delivered()
    {
        await using var server = await SlackAsync(200, Fixtures.Read("slack/ok_200.txt"));
        using var harness = new ChannelHarness(Slack(server));
        var channel = harness.Channel(ChannelName);

        var result = await channel.SendAsync(ChannelHarness.Message(body: "SOL <LONG> & BTC"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", Path), (request.Method, request.PathAndQuery));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("Liquidation warning\nSOL &lt;LONG&gt; &amp; BTC", (string?)JsonNode.Parse(request.Body)!["text"]);
        Assert.Equal("127.0.0.1", channel.DefaultRecipient);
    }

    [Theory]
    [InlineData(400, "slack/invalid_payload_400.txt", "invalid_payload")]
    [InlineData(404, "slack/no_service_404.txt", "no_service")]
    public async Task Slacks_refusals_are_permanent_and_name_slacks_word(int status, string fixture, string word)
    {
        await using var server = await SlackAsync(status, Fixtures.Read(fixture));
        using var harness = new ChannelHarness(Slack(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains($"HTTP {status}: {word}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "invalid_token")]
    [InlineData(404, "channel_not_found")]
    [InlineData(410, "channel_is_archived")]
    public async Task Other_refusals_are_permanent(int status, string word)
    {
        await using var server = await SlackAsync(status, word);
        using var harness = new ChannelHarness(Slack(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.Contains(word, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limiting_is_transient_with_the_wait_slack_asked_for()
    {
        await using var server = await SlackAsync(429, "rate_limited", ("Retry-After", "30"));
        using var harness = new ChannelHarness(Slack(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_is_transient(int status)
    {
        await using var server = await SlackAsync(status, "internal_error");
        using var harness = new ChannelHarness(Slack(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
    }

    [Fact]
    public async Task An_answer_that_echoes_the_webhook_url_does_not_leak_it_into_the_error()
    {
        await using var server = await SlackAsync(404, $"Cannot POST {Path} (token XXXXXXXXXXXXXXXXXXXXXXXX)");
        using var harness = new ChannelHarness(Slack(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.DoesNotContain("XXXXXXXX", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/", result.Error, StringComparison.Ordinal);
        Assert.Contains("Cannot POST ***", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_logged_with_the_webhook_url()
    {
        await using var server = await SlackAsync(200, "ok");
        using var harness = new ChannelHarness(Slack(server));

        await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("XXXXXXXX", StringComparison.Ordinal));
    }
}
