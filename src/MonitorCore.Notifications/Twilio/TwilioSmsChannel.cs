using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// <c>sms</c>: a text message through Twilio (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>
/// with <c>To</c>, <c>From</c>, <c>Body</c>). The subject is the first line; the text is cut to
/// Twilio's 1,600 characters.
/// </summary>
internal sealed class TwilioSmsChannel(TwilioApi twilio) : INotificationChannel
{
    public const int MaxLength = 1600;

    public string Name => ChannelNames.Sms;

    public string? NotConfiguredReason => twilio.Options.NotConfiguredReason;

    public string DefaultRecipient => twilio.Options.ToNumber ?? "";

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (NotConfiguredReason is { } reason)
        {
            return Task.FromResult(DeliveryResult.Failure($"sms is not configured: {reason}", permanent: true));
        }

        var settings = twilio.Options;
        return twilio.CreateAsync(
            "Messages.json",
            [
                new("To", string.IsNullOrWhiteSpace(message.Recipient) ? settings.ToNumber! : message.Recipient),
                new("From", settings.FromNumber!),
                new("Body", Text(message)),
            ],
            message.IdempotencyKey,
            cancellationToken);
    }

    /// <summary>Subject, then the body on the next line, within <see cref="MaxLength"/>.</summary>
    internal static string Text(OutgoingMessage message)
    {
        var text = string.IsNullOrWhiteSpace(message.Body) ? message.Subject : $"{message.Subject}\n{message.Body}";
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }
}
