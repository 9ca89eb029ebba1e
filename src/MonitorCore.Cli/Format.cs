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
}
