using System.Text;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MonitorCore.Alerts;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Email;

/// <summary>
/// <c>email</c>: one plain-text message through an SMTP server (MailKit), connected and signed in
/// for each send. Its Message-ID comes from the idempotency key, so a repeated send is recognisable
/// as the same message. The provider id is the server's queue id when it names one, else the Message-ID.
/// </summary>
internal sealed partial class EmailChannel(IOptions<SmtpOptions> options, TimeProvider time) : INotificationChannel
{
    public string Name => ChannelNames.Email;

    public string? NotConfiguredReason => options.Value.NotConfiguredReason;

    public string DefaultRecipient => options.Value.To ?? "";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        if (settings.NotConfiguredReason is { } reason)
        {
            return DeliveryResult.Failure($"email is not configured: {reason}", permanent: true);
        }

        var to = string.IsNullOrWhiteSpace(message.Recipient) ? settings.To! : message.Recipient;
        if (EmailAddressesAttribute.Parse(to) is not { } recipients)
        {
            return DeliveryResult.Failure($"email: '{to}' is not an e-mail address", permanent: true);
        }

        var from = EmailAddressesAttribute.Parse(string.IsNullOrWhiteSpace(settings.From) ? settings.To! : settings.From)![0];
        using var mail = Compose(message, from, recipients, time.GetUtcNow());
        using var deadline = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var client = new SmtpClient();
        try
        {
            await SignInAsync(client, settings, linked.Token);
            var response = await client.SendAsync(mail, linked.Token);
            await QuitAsync(client, linked.Token);
            return DeliveryResult.Success(QueueId().Match(response) is { Success: true } queued ? queued.Groups[1].Value : mail.MessageId);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure($"email: no answer from the SMTP server within {ChannelText.Seconds(settings.Timeout)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return cancellationToken.IsCancellationRequested
                ? throw new OperationCanceledException("the send was cancelled", ex, cancellationToken)
                : SmtpErrors.Classify(ex, settings);
        }
    }

    /// <summary>Connects to the configured server (port, TLS, certificate policy) and signs in when a user is set.</summary>
    internal static async Task SignInAsync(SmtpClient client, SmtpOptions settings, CancellationToken cancellationToken)
    {
        client.Timeout = (int)settings.Timeout.TotalMilliseconds;
        if (settings.AllowInvalidCertificate)
        {
            client.CheckCertificateRevocation = false;
            client.ServerCertificateValidationCallback = (_, _, _, _) => settings.AllowInvalidCertificate;
        }

        await client.ConnectAsync(settings.Host!, settings.Port, SocketOptions(settings.Security), cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }
    }

    /// <summary>The message: subject, plain-text body, Date from the clock, Message-ID from the idempotency key; urgent when High.</summary>
    internal static MimeMessage Compose(OutgoingMessage message, MailboxAddress from, IEnumerable<MailboxAddress> to, DateTimeOffset now)
    {
        var mail = new MimeMessage { Subject = message.Subject, Date = now, Body = new TextPart("plain") { Text = message.Body } };
        mail.From.Add(from);
        mail.To.AddRange(to);
        mail.MessageId = MessageId(message.IdempotencyKey, from);
        mail.Headers.Add("X-MonitorCore-Idempotency-Key", message.IdempotencyKey);
        if (message.Level == AlertLevel.High)
        {
            mail.Priority = MessagePriority.Urgent;
            mail.Importance = MessageImportance.High;
        }

        return mail;
    }

    /// <summary><c>key@sender-domain</c>; a key with characters a Message-ID cannot hold is written in hex.</summary>
    internal static string MessageId(string idempotencyKey, MailboxAddress from)
    {
        var domain = from.Domain is [_, ..] d && SafeAtom().IsMatch(d) ? d : "monitorcore.local";
        var local = SafeAtom().IsMatch(idempotencyKey) ? idempotencyKey : "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(idempotencyKey));
        return $"{local}@{domain}";
    }

    /// <summary>Says goodbye; the message is already accepted, so a failure here does not matter.</summary>
    private static async Task QuitAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or OperationCanceledException)
        {
            // Accepted before the goodbye failed.
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex SafeAtom();

    [GeneratedRegex(@"queued as\s+([A-Za-z0-9._-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex QueueId();
}
