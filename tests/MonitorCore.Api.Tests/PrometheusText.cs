using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MonitorCore.Api.Tests;

/// <summary>One sample of a scrape: its name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Checks the Prometheus text exposition format (version 0.0.4): <c># HELP</c> and <c># TYPE</c> lines at most once per
/// family and the type before its samples, samples as <c>name{label="value",…} value [timestamp]</c> with valid names,
/// escapes and floats, a family's samples together, no series twice, histogram buckets with <c>le</c>.
/// </summary>
public static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static (IReadOnlyList<PrometheusSample> Samples, IReadOnlyList<string> Problems) Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var problems = new List<string>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            problems.Add("the last line does not end with a line feed");
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var at = $"line {i + 1}";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                if (!comment.Success)
                {
                    continue; // any other comment
                }

                var (kind, name, rest) = (comment.Groups[1].Value, comment.Groups[2].Value, comment.Groups[3].Value);
                if (!MetricName().IsMatch(name))
                {
                    problems.Add($"{at}: '{name}' is not a metric name");
                }

                if (kind == "HELP" && !helps.Add(name))
                {
                    problems.Add($"{at}: a second HELP for {name}");
                }

                if (kind == "HELP" && !ValidEscapes(rest, inLabel: false))
                {
                    problems.Add($"{at}: a bad escape in the HELP of {name}");
                }

                if (kind == "TYPE")
                {
                    if (!Types.Contains(rest))
                    {
                        problems.Add($"{at}: '{rest}' is not a metric type");
                    }

                    if (types.ContainsKey(name))
                    {
                        problems.Add($"{at}: a second TYPE for {name}");
                    }
                    else if (samples.Any(s => FamilyOf(s.Name, types) == name))
                    {
                        problems.Add($"{at}: the TYPE of {name} comes after its samples");
                    }

                    types[name] = rest;
                }

                continue;
            }

            if (!TrySample(line, out var sample, out var problem))
            {
                problems.Add($"{at}: {problem}: {line}");
                continue;
            }

            var family = FamilyOf(sample.Name, types);
            if (family != current)
            {
                if (current is not null)
                {
                    finished.Add(current);
                }

                if (finished.Contains(family))
                {
                    problems.Add($"{at}: a sample of {family} apart from the others of its family");
                }

                current = family;
            }

            if (!series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}"))
            {
                problems.Add($"{at}: the series {sample.Name} with these labels is there twice");
            }

            if (types.GetValueOrDefault(family) == "histogram" && sample.Name == family + "_bucket" && !sample.Labels.ContainsKey("le"))
            {
                problems.Add($"{at}: a bucket of {family} without 'le'");
            }

            samples.Add(sample);
        }

        return (samples, problems);
    }

    private static bool TrySample(string line, out PrometheusSample sample, out string problem)
    {
        sample = null!;
        var name = MetricNameAtStart().Match(line);
        if (!name.Success)
        {
            problem = "no metric name";
            return false;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = name.Length;
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (position < line.Length && line[position] != '}')
            {
                var label = LabelName().Match(line, position);
                if (!label.Success || label.Index != position)
                {
                    problem = "a bad label name";
                    return false;
                }

                position += label.Length;
                if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
                {
                    problem = $"no =\"…\" after label {label.Value}";
                    return false;
                }

                position += 2;
                var value = new StringBuilder();
                while (position < line.Length && line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        if (position + 1 >= line.Length || line[position + 1] is not ('\\' or '"' or 'n'))
                        {
                            problem = "a bad escape in a label value";
                            return false;
                        }

                        value.Append(line[position + 1] == 'n' ? '\n' : line[position + 1]);
                        position += 2;
                        continue;
                    }

                    value.Append(line[position++]);
                }

                if (position >= line.Length)
                {
                    problem = "a label value that does not end";
                    return false;
                }

                position++;
                if (label.Value.StartsWith("__", StringComparison.Ordinal) || !labels.TryAdd(label.Value, value.ToString()))
                {
                    problem = $"label {label.Value} is reserved or given twice";
                    return false;
                }

                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
                else if (position < line.Length && line[position] != '}')
                {
                    problem = "labels not separated by commas";
                    return false;
                }
            }

            if (position >= line.Length)
            {
                problem = "labels that do not end";
                return false;
            }

            position++;
        }

        var rest = line[position..];
        if (!rest.StartsWith(' '))
        {
            problem = "no space before the value";
            return false;
        }

        var parts = rest.Trim(' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !TryFloat(parts[0], out var number) || (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            problem = "not a float value (with an optional integer timestamp)";
            return false;
        }

        sample = new PrometheusSample(name.Value, labels, number);
        problem = "";
        return true;
    }

    /// <summary>A float as Prometheus writes one: a decimal number, or NaN, +Inf, -Inf.</summary>
    private static bool TryFloat(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                value = 0;
                return FloatText().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool ValidEscapes(string text, bool inLabel)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('\\' or 'n') && !(inLabel && text[i + 1] == '"'))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>The family a sample belongs to: a histogram's or summary's <c>_bucket</c>, <c>_sum</c>, <c>_count</c> belong to it.</summary>
    private static string FamilyOf(string name, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.GetValueOrDefault(name[..^suffix.Length]) is "histogram" or "summary")
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    [GeneratedRegex("^# (HELP|TYPE) (\\S+) ?(.*)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricNameAtStart();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$")]
    private static partial Regex FloatText();
}
