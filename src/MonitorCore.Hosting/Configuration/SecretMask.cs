using System.Text.RegularExpressions;

namespace MonitorCore.Hosting.Configuration;

/// <summary>Keeps secrets out of output: by key name, and passwords inside connection strings.</summary>
public static partial class SecretMask
{
    public const string Mask = "***";

    /// <summary>
    /// Whether the key names a secret: its last segment, or for an item of a list (<c>Api:Keys:0</c>) the list's name,
    /// ends in a secret's word (<c>Password</c>, <c>Token</c>, <c>Key</c> or <c>Keys</c>, …).
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        var leaf = key.Split(':').LastOrDefault(p => p.Length == 0 || !p.All(char.IsAsciiDigit)) ?? "";
        return SecretName().IsMatch(leaf);
    }

    /// <summary>The value as it may be shown for <paramref name="key"/>.</summary>
    public static string? Apply(string key, string? value)
    {
        if (value is null || value.Length == 0)
        {
            return value;
        }

        return IsSecretKey(key) ? Mask : Inline(value);
    }

    /// <summary>
    /// Masks <c>Password=…</c> in connection strings, the password of <c>scheme://user:password@host</c> URLs, and
    /// every query value of a URL (<c>?token=…&amp;sig=…</c>: webhook URLs carry their secret there).
    /// </summary>
    public static string Inline(string value)
    {
        var masked = PasswordPair().Replace(value, m => m.Groups[1].Value + Mask);
        masked = UrlPassword().Replace(masked, m => m.Groups[1].Value + Mask + "@");
        return UrlQuery().Replace(masked, url => url.Groups[1].Value + QueryValue().Replace(url.Groups[2].Value, p => p.Groups[1].Value + Mask));
    }

    [GeneratedRegex("(password|passwd|pwd|token|secret|apikey|api_key|accountsid|webhookurl|pingurl|authtoken|key)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("((?:password|pwd)\\s*=\\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPair();

    [GeneratedRegex("(\\w+://[^:/@\\s]+:)[^@\\s]+@")]
    private static partial Regex UrlPassword();

    /// <summary>A URL with a query: the part up to <c>?</c>, and the query.</summary>
    [GeneratedRegex("(\\w+://[^\\s?#]*\\?)([^\\s#]*)")]
    private static partial Regex UrlQuery();

    /// <summary>One query parameter's value: <c>name=</c> then the value up to the next <c>&amp;</c>.</summary>
    [GeneratedRegex("((?:^|&)[^=&]+=)[^&]+")]
    private static partial Regex QueryValue();
}
