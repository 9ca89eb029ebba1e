using System.Text;
using System.Xml.Linq;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// <c>voice</c>: a phone call through Twilio (<c>POST /2010-04-01/Accounts/{sid}/Calls.json</c> with
/// <c>To</c>, <c>From</c> and inline <c>Twiml</c>) that reads the subject and body aloud once. The
/// text is flattened to one line of speakable characters and kept short.
/// </summary>
internal sealed class TwilioVoiceChannel(TwilioApi twilio) : INotificationChannel
{
    /// <summary>About half a minute of speech.</summary>
    public const int MaxSpokenLength = 400;

    public string Name => ChannelNames.Voice;

    public string? NotConfiguredReason => twilio.Options.NotConfiguredReason;

    public string DefaultRecipient => twilio.Options.ToNumber ?? "";

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (NotConfiguredReason is { } reason)
        {
            return Task.FromResult(DeliveryResult.Failure($"voice is not configured: {reason}", permanent: true));
        }

        var settings = twilio.Options;
        return twilio.CreateAsync(
            "Calls.json",
            [
                new("To", string.IsNullOrWhiteSpace(message.Recipient) ? settings.ToNumber! : message.Recipient),
                new("From", settings.FromNumber!),
                new("Twiml", Twiml(Speakable(message))),
            ],
            message.IdempotencyKey,
            cancellationToken);
    }

    /// <summary><c>&lt;Response&gt;&lt;Say&gt;text&lt;/Say&gt;&lt;/Response&gt;</c> with the text XML-escaped.</summary>
    internal static string Twiml(string text) =>
        new XElement("Response", new XElement("Say", text)).ToString(SaveOptions.DisableFormatting);

    /// <summary>"Subject. Body" on one line, without control characters, cut at a word near <see cref="MaxSpokenLength"/>.</summary>
    internal static string Speakable(OutgoingMessage message)
    {
        var subject = message.Subject.Trim().TrimEnd('.', '!', '?', ':');
        var raw = string.IsNullOrWhiteSpace(message.Body) ? subject : $"{subject}. {message.Body}";
        var text = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var keep = char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c;
            if (keep != ' ' || (text.Length > 0 && text[^1] != ' '))
            {
                text.Append(keep);
            }
        }

        var flat = text.ToString().Trim();
        if (flat.Length <= MaxSpokenLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', MaxSpokenLength);
        return flat[..(cut > MaxSpokenLength / 2 ? cut : MaxSpokenLength)].TrimEnd(',', ';', ' ') + ".";
    }
}
