using System.Globalization;

namespace MonitorCore.Cli;

/// <summary>How numbers and times are shown in text output.</summary>
internal static class Format
{
    public static string Seconds(double? seconds) => seconds switch
    {
        null => "-",
        < 1 => $"{seconds * 1000:0} ms",
        < 120 => $"{seconds:0.#} s",
        < 7200 => $"{seconds / 60:0.#} min",
        < 172800 => $"{seconds / 3600:0.#} h",
        _ => $"{seconds / 86400:0.#} d",
    };

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never";

    public static string Money(double? value) => value switch
    {
        null => "-",
        { } v when Math.Abs(v) >= 1000 => v.ToString("#,0.00", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.00##", CultureInfo.InvariantCulture),
    };

    /// <summary>"30m", "2h", "90s", "1d", "1h30m", or a TimeSpan ("00:30:00"); null when it is neither.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$");
        if (match.Success && match.Length > 0)
        {
            int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            return new TimeSpan(Part(1), Part(2), Part(3), Part(4));
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }
}
