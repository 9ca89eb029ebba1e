using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Webhook;

/// <summary>
/// <c>webhook</c>: a POST of <c>{notification_id, subject, body, level, idempotency_key, sent_at}</c>
/// with an <c>Idempotency-Key</c> header and, when a secret is set, an HMAC-SHA256 signature of the
/// body. 2xx is delivered; 408, 429 and 5xx are worth another try (Retry-After honoured); any other
/// answer is permanent.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory httpClients, IOptions<WebhookOptions> options, TimeProvider time) : INotificationChannel
{
    public const string HttpClientName = "notifications.webhook";
    public const string SignatureHeader = "X-MonitorCore-Signature";

    public string Name => ChannelNames.Webhook;

    public string? NotConfiguredReason => ChannelText.NotConfigured(RequiredKey.Of(WebhookOptions.Section + ":Url", null, options.Value.Url));

    /// <summary>The receiver's host: the URL may carry a token.</summary>
    public string DefaultRecipient => NotConfiguredReason is null ? new Uri(options.Value.Url!).Host : "";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (NotConfiguredReason is { } reason)
        {
            return DeliveryResult.Failure($"webhook is not configured: {reason}", permanent: true);
        }

        var settings = options.Value;
        var body = Payload(message, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        if (!string.IsNullOrEmpty(settings.Secret))
        {
            request.Headers.Add(SignatureHeader, Signature(settings.Secret, body));
        }

        return await ChannelHttp.SendAsync(
            httpClients.CreateClient(HttpClientName), request, settings.Timeout, time, Read,
            failure => DeliveryResult.Failure($"webhook: {failure}"), cancellationToken);
    }

    /// <summary>The JSON body; <c>level</c> as users see it (<c>LOW</c>, <c>MEDIUM</c>, <c>HIGH</c>).</summary>
    internal static string Payload(OutgoingMessage message, DateTimeOffset sentAt) => new JsonObject
    {
        ["notification_id"] = message.NotificationId,
        ["subject"] = message.Subject,
        ["body"] = message.Body,
        ["level"] = message.Level.Word(),
        ["idempotency_key"] = message.IdempotencyKey,
        ["sent_at"] = sentAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the UTF-8 body under the secret.</summary>
    internal static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private DeliveryResult Read(HttpAnswer answer)
    {
        if (answer.IsSuccess)
        {
            return DeliveryResult.Success();
        }

        var secrets = ChannelText.UrlSecrets(options.Value.Url).Append(options.Value.Secret);
        var said = answer.Body.Length > 0 ? $"HTTP {answer.Status}: {ChannelText.Excerpt(answer.Body, secrets)}" : $"HTTP {answer.Status}";
        return answer.Status is 408 or 429 or >= 500
            ? DeliveryResult.Failure($"webhook receiver said {said}", retryAfter: answer.RetryAfter)
            : DeliveryResult.Failure($"webhook receiver refused the message ({said})", permanent: true);
    }
}
