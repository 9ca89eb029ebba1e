using System.Text.RegularExpressions;

namespace MonitorCore.Notifications.Channels;

/// <summary>One configuration key a channel needs, with the spec's environment name when it has one.</summary>
internal readonly record struct RequiredKey(string Key, string? Legacy, bool Missing)
{
    public static RequiredKey Of(string key, string? legacy, string? value) => new(key, legacy, string.IsNullOrWhiteSpace(value));

    public override string ToString() => Legacy is null ? Key : $"{Key} (or {Legacy})";
}

/// <summary>
/// The texts channels put in their results: what configuration is missing, short excerpts of a
/// provider's answer, durations, and secrets masked wherever a provider might echo them.
/// </summary>
internal static partial class ChannelText
{
    public const string Mask = "***";
    private const int ExcerptLength = 160;

    /// <summary>"set A (or X), B and C" for the missing keys; null when none is missing.</summary>
    public static string? NotConfigured(params IEnumerable<RequiredKey> keys)
    {
        var missing = keys.Where(k => k.Missing).Select(k => k.ToString()).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"set {missing[0]}",
            _ => $"set {string.Join(", ", missing[..^1])} and {missing[^1]}",
        };
    }

    /// <summary>A timeout as users read it: "5 s", "0.25 s".</summary>
    public static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###} s";

    /// <summary>The start of a provider's answer on one line, with every secret masked.</summary>
    public static string Excerpt(string text, params IEnumerable<string?> secrets)
    {
        var flat = Whitespace().Replace(Redact(text, secrets), " ").Trim();
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength] + "…";
    }

    /// <summary>The text with each (non-trivial) secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text, params IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets.Where(s => s is { Length: >= 4 }).OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The parts of a URL that may carry a token: the whole, its path and query, each long path segment, each query value.</summary>
    public static IEnumerable<string> UrlSecrets(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url is null ? [] : [url];
        }

        var values = uri.Query.TrimStart('?').Split('&').Select(pair => pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return [url, uri.PathAndQuery, uri.AbsolutePath, uri.Query, .. uri.AbsolutePath.Split('/').Where(s => s.Length >= 8), .. values, .. values.Select(Uri.UnescapeDataString)];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
