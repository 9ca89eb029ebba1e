using System.ComponentModel.DataAnnotations;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// The <c>Notifications:Twilio</c> section, shared by the <c>sms</c> and <c>voice</c> channels and
/// the account check. The legacy names <c>TWILIO_ACCOUNT_SID</c>, <c>TWILIO_AUTH_TOKEN</c>,
/// <c>TWILIO_PHONE_NUMBER</c> and <c>MY_PHONE_NUMBER</c> map onto it.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Notifications:Twilio";

    /// <summary>Where Twilio's REST API is; a local server in tests.</summary>
    [Required]
    [OptionalHttpUrl]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>The account (<c>AC…</c>), also the user name of HTTP Basic auth.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: a secret, never shown.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The Twilio number messages and calls come from (E.164, <c>+15005550006</c>).</summary>
    public string? FromNumber { get; set; }

    /// <summary>The trader's number, used when a notification names no recipient.</summary>
    public string? ToNumber { get; set; }

    /// <summary>How long one request to Twilio may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Null when sid, token and both numbers are set; otherwise the keys to set.</summary>
    internal string? NotConfiguredReason => ChannelText.NotConfigured(
        RequiredKey.Of(Section + ":AccountSid", "TWILIO_ACCOUNT_SID", AccountSid),
        RequiredKey.Of(Section + ":AuthToken", "TWILIO_AUTH_TOKEN", AuthToken),
        RequiredKey.Of(Section + ":FromNumber", "TWILIO_PHONE_NUMBER", FromNumber),
        RequiredKey.Of(Section + ":ToNumber", "MY_PHONE_NUMBER", ToNumber));
}
