using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Email;

/// <summary>
/// What an SMTP failure means for a retry. As SMTP says, 4xx replies are temporary; 5xx replies about
/// the mailbox, the sender or the credentials (550, 551, 553, 554, 501, 530, 534, 535, 538, 555) are
/// permanent. Other 5xx (500, 502, 503, 504, 552), a refused or dropped connection and a confused
/// server are retried: they say more about the server's state than about the message.
/// </summary>
internal static class SmtpErrors
{
    public static DeliveryResult Classify(Exception exception, SmtpOptions settings)
    {
        var (text, permanent) = exception switch
        {
            AuthenticationException ex => ($"SMTP authentication failed for '{settings.Username}': {ex.Message}", true),
            ServiceNotAuthenticatedException ex => ($"the SMTP server requires sign-in ({ex.Message}): set {SmtpOptions.Section}:Username and Password", true),
            SmtpCommandException ex => ($"SMTP server said {(int)ex.StatusCode} {ex.Message}" + Hint(ex.StatusCode), IsPermanent(ex.StatusCode)),
            SslHandshakeException => ("TLS handshake with the SMTP server failed: its certificate is not trusted or TLS is not spoken there"
                + $" (check {SmtpOptions.Section}:Security and Port; {SmtpOptions.Section}:AllowInvalidCertificate is for self-hosted servers)", true),
            NotSupportedException ex => ($"the SMTP server cannot do what is configured: {ex.Message}", true),
            SocketException ex => ($"SMTP server unreachable: {ex.SocketErrorCode}", false),
            SmtpProtocolException ex => ($"SMTP protocol error: {ex.Message}", false),
            ServiceNotConnectedException or IOException => ("the SMTP server closed the connection", false),
            _ => ($"SMTP failure: {exception.GetType().Name}: {exception.Message}", false),
        };
        return DeliveryResult.Failure("email: " + ChannelText.Redact(text, settings.Password), permanent);
    }

    private static bool IsPermanent(SmtpStatusCode code) => code switch
    {
        SmtpStatusCode.MailboxUnavailable
            or SmtpStatusCode.UserNotLocalTryAlternatePath
            or SmtpStatusCode.MailboxNameNotAllowed
            or SmtpStatusCode.TransactionFailed
            or SmtpStatusCode.SyntaxError
            or SmtpStatusCode.AuthenticationRequired
            or SmtpStatusCode.AuthenticationMechanismTooWeak
            or SmtpStatusCode.AuthenticationInvalidCredentials
            or SmtpStatusCode.EncryptionRequiredForAuthenticationMechanism
            or SmtpStatusCode.MailFromOrRcptToParametersNotRecognizedOrNotImplemented => true,
        _ => false,
    };

    private static string Hint(SmtpStatusCode code) => code == SmtpStatusCode.AuthenticationRequired
        ? $" (set {SmtpOptions.Section}:Username and Password)"
        : "";
}
