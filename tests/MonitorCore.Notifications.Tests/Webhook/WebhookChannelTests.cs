using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Notifications.Tests.Webhook;

/// <summary>The generic webhook at a local receiver that checks the signature the way a user's would.</summary>
public class WebhookChannelTests : ChannelConformanceTests
{
    private const string Secret = "whsec_0123456789abcdef";

    protected override string ChannelName => ChannelNames.Webhook;

    protected override IReadOnlyList<string> RequiredKeys => ["Notifications:Webhook:Url"];

    protected override async Task<Hang> HangAsync()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await LocalHttpServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var configuration = Webhook(server);
        configuration["Notifications:Webhook:Timeout"] = "00:00:03";
        return new Hang(configuration, TimeSpan.FromSeconds(3), arrived.Task, server, [Secret]);
    }

    private static Dictionary<string, string?> Webhook(LocalHttpServer server, string? secret = Secret) => new()
    {
        ["Notifications:Webhook:Url"] = server.Url("/hooks/monitor?token=receiver-token-123"),
        ["Notifications:Webhook:Secret"] = secret,
    };

    /// <summary>A receiver that answers 401 unless the signature is the HMAC-SHA256 of the raw body under <see cref="Secret"/>, else <paramref name="status"/>.</summary>
    private static Task<LocalHttpServer> ReceiverAsync(int status = 204, string body = "", params (string Name, string Value)[] headers) =>
        LocalHttpServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var raw = await reader.ReadToEndAsync();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(raw)));
            var signature = context.Request.Headers["X-MonitorCore-Signature"].ToString();
            context.Response.StatusCode = signature.Length == 0 || CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected))
                ? status
                : 401;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body);
        });

    [Fact]
    public async Task The_notification_is_posted_as_json_signed_with_the_secret_and_keyed_for_idempotency()
    {
        await using var server = await ReceiverAsync();
        using var harness = new ChannelHarness(Webhook(server));
        var channel = harness.Channel(ChannelName);

        var result = await channel.SendAsync(ChannelHarness.Message(idempotencyKey: "notification-42-webhook"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/hooks/monitor?token=receiver-token-123"), (request.Method, request.PathAndQuery));
        Assert.Equal("notification-42-webhook", request.Headers["Idempotency-Key"]);
        Assert.StartsWith("sha256=", request.Headers["X-MonitorCore-Signature"], StringComparison.Ordinal);
        var json = JsonNode.Parse(request.Body)!;
        Assert.Equal(42, (long?)json["notification_id"]);
        Assert.Equal("Liquidation warning", (string?)json["subject"]);
        Assert.Equal("SOL LONG is 4.2% from liquidation", (string?)json["body"]);
        Assert.Equal("HIGH", (string?)json["level"]);
        Assert.Equal("notification-42-webhook", (string?)json["idempotency_key"]);
        Assert.Equal("2026-11-24T12:00:00.000Z", (string?)json["sent_at"]);
        Assert.Equal("127.0.0.1", channel.DefaultRecipient);
    }

    [Fact]
    public async Task Without_a_secret_no_signature_is_sent()
    {
        await using var server = await ReceiverAsync();
        using var harness = new ChannelHarness(Webhook(server, secret: null));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.False(Assert.Single(server.Requests).Headers.ContainsKey("X-MonitorCore-Signature"));
    }

    [Theory]
    [InlineData(200, true, false)]
    [InlineData(202, true, false)]
    [InlineData(408, false, false)]
    [InlineData(429, false, false)]
    [InlineData(500, false, false)]
    [InlineData(502, false, false)]
    [InlineData(400, false, true)]
    [InlineData(403, false, true)]
    [InlineData(404, false, true)]
    [InlineData(410, false, true)]
    [InlineData(302, false, true)]
    public async Task The_answer_decides_delivered_transient_or_permanent(int status, bool delivered, bool permanent)
    {
        await using var server = await ReceiverAsync(status, "{}", ("Location", "/elsewhere"));
        using var harness = new ChannelHarness(Webhook(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.Equal(delivered, result.Delivered);
        Assert.Equal(permanent, result.Permanent);
        Assert.Single(server.Requests); // a redirect is not followed
    }

    [Theory]
    [InlineData("120")]
    [InlineData("Tue, 24 Nov 2026 12:02:00 GMT")]
    public async Task Retry_after_is_honoured_in_seconds_or_as_a_date(string retryAfter)
    {
        await using var server = await ReceiverAsync(503, "busy", ("Retry-After", retryAfter));
        using var harness = new ChannelHarness(Webhook(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task An_answer_that_echoes_the_secret_or_the_url_token_does_not_leak_them()
    {
        await using var server = await ReceiverAsync(400, $"bad request to /hooks/monitor?token=receiver-token-123 (token receiver-token-123) signed with {Secret}");
        using var harness = new ChannelHarness(Webhook(server));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("receiver-token-123", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("receiver-token-123", StringComparison.Ordinal));
    }
}
