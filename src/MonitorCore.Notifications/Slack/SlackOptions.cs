using System.ComponentModel.DataAnnotations;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Slack;

/// <summary>The <c>Notifications:Slack</c> section; the legacy <c>SLACK_WEBHOOK</c> maps onto <see cref="WebhookUrl"/>.</summary>
public sealed class SlackOptions
{
    public const string Section = "Notifications:Slack";

    /// <summary>The incoming webhook (<c>https://hooks.slack.com/services/…</c>): a secret, never shown.</summary>
    [OptionalHttpUrl]
    public string? WebhookUrl { get; set; }

    /// <summary>How long Slack may take to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
