using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// The <c>Watchdog</c> section: a dead-man's switch outside the service (healthchecks.io, a cron monitor) that
/// raises the alarm when the pings stop. The URL carries the check's token: a secret, never shown.
/// </summary>
public sealed class WatchdogOptions
{
    public const string Section = "Watchdog";

    /// <summary>Requested after every completed cycle (<c>&lt;url&gt;/fail</c> when a step failed); none when empty.</summary>
    [PingUrl]
    public string? PingUrl { get; set; }

    /// <summary>How long a ping may take; it runs beside the cycle and never delays it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Empty, or an absolute http or https URL; the message names the key, never the value (it carries a token).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PingUrlAttribute : ValidationAttribute
{
    public PingUrlAttribute()
        : base("must be an absolute http or https URL")
    {
    }

    public override bool IsValid(object? value) =>
        value is null
        || (value is string text && (text.Length == 0
            || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))));
}
