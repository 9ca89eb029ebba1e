using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Slack;

/// <summary>
/// <c>slack</c>: a POST of <c>{"text": …}</c> to an incoming webhook. Slack answers in plain text:
/// 200 <c>ok</c>; 400 <c>invalid_payload</c>, 403 <c>invalid_token</c>/<c>action_prohibited</c>,
/// 404 <c>no_service</c>/<c>channel_not_found</c>, 410 <c>channel_is_archived</c> are permanent;
/// 429 (with Retry-After) and 5xx are worth another try.
/// </summary>
internal sealed class SlackChannel(IHttpClientFactory httpClients, IOptions<SlackOptions> options, TimeProvider time) : INotificationChannel
{
    public const string HttpClientName = "notifications.slack";

    public string Name => ChannelNames.Slack;

    public string? NotConfiguredReason =>
        ChannelText.NotConfigured(RequiredKey.Of(SlackOptions.Section + ":WebhookUrl", "SLACK_WEBHOOK", options.Value.WebhookUrl));

    /// <summary>The webhook's host: the URL itself is a secret.</summary>
    public string DefaultRecipient => NotConfiguredReason is null ? new Uri(options.Value.WebhookUrl!).Host : "";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (NotConfiguredReason is { } reason)
        {
            return DeliveryResult.Failure($"slack is not configured: {reason}", permanent: true);
        }

        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl);
        request.Content = new StringContent(new JsonObject { ["text"] = Text(message) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return await ChannelHttp.SendAsync(
            httpClients.CreateClient(HttpClientName), request, settings.Timeout, time, Read,
            failure => DeliveryResult.Failure($"Slack: {failure}"), cancellationToken);
    }

    /// <summary>Subject and body, with Slack's three control characters escaped (&amp;, &lt;, &gt;).</summary>
    internal static string Text(OutgoingMessage message)
    {
        var text = string.IsNullOrWhiteSpace(message.Body) ? message.Subject : $"{message.Subject}\n{message.Body}";
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private DeliveryResult Read(HttpAnswer answer)
    {
        if (answer.IsSuccess)
        {
            return DeliveryResult.Success();
        }

        var url = options.Value.WebhookUrl;
        var said = answer.Body.Length > 0 ? $"HTTP {answer.Status}: {ChannelText.Excerpt(answer.Body, ChannelText.UrlSecrets(url))}" : $"HTTP {answer.Status}";
        return answer.Status switch
        {
            429 => DeliveryResult.Failure($"Slack rate limited ({said})", retryAfter: answer.RetryAfter),
            >= 500 => DeliveryResult.Failure($"Slack server error ({said})", retryAfter: answer.RetryAfter),
            _ => DeliveryResult.Failure($"Slack refused the message ({said})", permanent: true),
        };
    }
}
