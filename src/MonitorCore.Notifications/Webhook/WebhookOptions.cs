using System.ComponentModel.DataAnnotations;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Webhook;

/// <summary>The <c>Notifications:Webhook</c> section: a generic JSON POST to a URL of the user's.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Notifications:Webhook";

    /// <summary>Where notifications are POSTed. It may carry a token, so it is never shown.</summary>
    [OptionalHttpUrl]
    public string? Url { get; set; }

    /// <summary>When set, each body is signed: <c>X-MonitorCore-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>. A secret.</summary>
    public string? Secret { get; set; }

    /// <summary>How long the receiver may take to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
