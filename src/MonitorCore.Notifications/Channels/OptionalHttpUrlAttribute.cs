using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Notifications.Channels;

/// <summary>
/// Empty (the channel is then not configured) or an absolute http/https URL. The message names
/// the key, never the value: a webhook URL is a secret.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OptionalHttpUrlAttribute : ValidationAttribute
{
    public OptionalHttpUrlAttribute()
        : base("must be an absolute http or https URL")
    {
    }

    public override bool IsValid(object? value) =>
        value is null
        || (value is string text && (text.Length == 0
            || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))));
}
