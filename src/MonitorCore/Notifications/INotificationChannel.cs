using MonitorCore.Alerts;

namespace MonitorCore.Notifications;

/// <summary>
/// The names of the built-in channels, as users write them in notify lists and on the command line.
/// Which channels exist is what registered an <see cref="INotificationChannel"/> (<see cref="ChannelCatalog"/>).
/// </summary>
public static class ChannelNames
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Voice = "voice";
    public const string Slack = "slack";
    public const string Sound = "sound";
    public const string Webhook = "webhook";
}

/// <summary>One message to deliver through one channel.</summary>
/// <param name="NotificationId">The outbox row it comes from.</param>
/// <param name="Recipient">Where it goes: an e-mail address, a phone number, a webhook label; the channel's default when empty.</param>
/// <param name="Subject">A short title (e-mail subject, first line of an SMS).</param>
/// <param name="Body">The text (for voice: what is said).</param>
/// <param name="Level">The highest level of the alerts it carries.</param>
/// <param name="IdempotencyKey">Stable per (notification, channel): providers that support it drop a repeated send.</param>
public sealed record OutgoingMessage(long NotificationId, string Recipient, string Subject, string Body, AlertLevel Level, string IdempotencyKey);

/// <summary>What a provider said.</summary>
/// <param name="Delivered">The provider accepted the message.</param>
/// <param name="ProviderMessageId">The provider's id for it (Twilio sid, SMTP queue id), when it gives one.</param>
/// <param name="Error">Why it was not delivered, naming the provider's answer.</param>
/// <param name="Permanent">Retrying cannot help (a 400 for an invalid number, bad credentials): the row is dead at once.</param>
/// <param name="RetryAfter">The provider asked to wait this long before the next try (429 Retry-After).</param>
public sealed record DeliveryResult(bool Delivered, string? ProviderMessageId, string? Error, bool Permanent = false, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Success(string? providerMessageId = null) => new(true, providerMessageId, null);

    public static DeliveryResult Failure(string error, bool permanent = false, TimeSpan? retryAfter = null) => new(false, null, error, permanent, retryAfter);
}

/// <summary>
/// One way of reaching a person (SMTP e-mail, Twilio SMS or call, Slack, a sound, a webhook).
/// A channel that is not configured says so and is skipped with that note, never an exception.
/// <see cref="SendAsync"/> returns failures as results; it throws only for cancellation.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The name notify lists use, e.g. one of <see cref="ChannelNames"/>; unique among the registered channels.</summary>
    string Name { get; }

    /// <summary>Null when the channel can send; otherwise what is missing, naming the configuration keys.</summary>
    string? NotConfiguredReason { get; }

    /// <summary>Where messages go when a threshold names no recipient (the configured To address, number or URL label).</summary>
    string DefaultRecipient { get; }

    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
