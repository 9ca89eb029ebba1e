using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MonitorCore.SelfTest;

namespace MonitorCore.Notifications.Email;

/// <summary>
/// The SMTP server of the <c>email</c> channel, for the self-test: connects as a send would (port, TLS)
/// and signs in when a user is set, then says goodbye; no message is sent. Required when e-mail is
/// configured. A failure reads as a send's would (<c>SMTP authentication failed for 'user': …</c>), the
/// password masked.
/// </summary>
internal sealed class SmtpCheck(IOptionsMonitor<SmtpOptions> options) : ISelfCheck
{
    public string Name => "smtp";

    public bool Required => true;

    public string? NotConfiguredReason => options.CurrentValue.NotConfiguredReason;

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var client = new SmtpClient();
        try
        {
            await EmailChannel.SignInAsync(client, settings, cancellationToken);
            var signedIn = !string.IsNullOrEmpty(settings.Username);
            var tls = client.IsSecure ? "TLS" : "no TLS";
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SelfCheckOutcome.Pass(signedIn
                ? $"connected to {settings.Host}:{settings.Port} ({tls}), signed in as {settings.Username}; nothing sent"
                : $"connected to {settings.Host}:{settings.Port} ({tls}), no sign-in configured; nothing sent");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SelfCheckOutcome.Fail(SmtpErrors.Classify(ex, settings).Error!);
        }
    }
}
