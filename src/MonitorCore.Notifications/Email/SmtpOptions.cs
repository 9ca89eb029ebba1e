using System.ComponentModel.DataAnnotations;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a server on the same machine or network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS; fails when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>
/// The <c>Notifications:Smtp</c> section. The legacy names <c>SMTP_SERVER</c>, <c>SMTP_PORT</c>,
/// <c>SMTP_USERNAME</c>, <c>SMTP_PASSWORD</c> and <c>SMTP_DEFAULT_RECIPIENT</c> map onto it.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Sign in with this user (and <see cref="Password"/>); no authentication when empty.</summary>
    public string? Username { get; set; }

    /// <summary>A secret, never shown.</summary>
    public string? Password { get; set; }

    /// <summary>The sender; <see cref="To"/>'s first address when empty.</summary>
    [EmailAddresses]
    public string? From { get; set; }

    /// <summary>Where messages go when a notification names no recipient; several addresses separated by commas.</summary>
    [EmailAddresses]
    public string? To { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>How long connecting, signing in and sending may take together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Accept a certificate that does not validate (self-signed, wrong name): tests and self-hosted servers only.</summary>
    public bool AllowInvalidCertificate { get; set; }

    /// <summary>Null when Host and To are set; otherwise the keys to set.</summary>
    internal string? NotConfiguredReason => ChannelText.NotConfigured(
        RequiredKey.Of(Section + ":Host", "SMTP_SERVER", Host),
        RequiredKey.Of(Section + ":To", "SMTP_DEFAULT_RECIPIENT", To));
}
