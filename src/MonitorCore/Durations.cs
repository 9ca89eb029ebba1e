using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitorCore;

/// <summary>
/// Durations typed by a person (docs/behaviour.md §8): a number with a unit (<c>90s</c>, <c>30m</c>,
/// <c>2h</c>, <c>1d</c>, <c>1h30m</c>) or <c>hh:mm:ss</c>. A bare number, a negative or an absurd one
/// (beyond ten years) is refused, never guessed.
/// </summary>
public static partial class Durations
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    /// <summary>The duration, or an explanation of why the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string problem)
    {
        duration = default;
        var trimmed = text?.Trim() ?? "";
        problem = $"'{text}' is not a duration: write it with a unit, e.g. 90s, 30m, 2h, 1d or 1h30m.";
        if (trimmed.Length == 0)
        {
            return false;
        }

        var match = WithUnits().Match(trimmed.ToLowerInvariant());
        if (match.Success)
        {
            var total = 0.0;
            foreach (var (group, unit) in new[] { (1, 86400.0), (2, 3600.0), (3, 60.0), (4, 1.0) })
            {
                if (match.Groups[group].Success)
                {
                    if (!double.TryParse(match.Groups[group].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                    {
                        return false;
                    }

                    total += n * unit;
                }
            }

            return Check(total, text, out duration, ref problem);
        }

        if (trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
        {
            return Check(span.TotalSeconds, text, out duration, ref problem);
        }

        if (trimmed.StartsWith('-'))
        {
            problem = $"'{text}' is negative: a duration is positive.";
        }

        return false;
    }

    /// <summary>The duration; <see cref="FormatException"/> with the reason when the text is not one.</summary>
    public static TimeSpan Parse(string? text) => TryParse(text, out var duration, out var problem) ? duration : throw new FormatException(problem);

    /// <summary>How a duration reads: <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d2h</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add($"{duration.Days}d");
        }

        if (duration.Hours > 0)
        {
            parts.Add($"{duration.Hours}h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes}m");
        }

        var seconds = duration.Seconds + duration.Milliseconds / 1000.0;
        if (seconds > 0)
        {
            parts.Add(seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }

    private static bool Check(double seconds, string? text, out TimeSpan duration, ref string problem)
    {
        duration = default;
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            problem = $"'{text}' is not a positive duration.";
            return false;
        }

        if (seconds > Longest.TotalSeconds)
        {
            problem = $"'{text}' is longer than {Longest.TotalDays:0} days: that is not a duration anyone means.";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(\d{1,15}(?:\.\d+)?)d)?(?:(\d{1,15}(?:\.\d+)?)h)?(?:(\d{1,15}(?:\.\d+)?)m)?(?:(\d{1,15}(?:\.\d+)?)s)?$")]
    private static partial Regex WithUnits();
}
