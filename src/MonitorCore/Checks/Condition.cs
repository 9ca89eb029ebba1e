using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MonitorCore.Checks;

/// <summary>A condition that could not be parsed: what was wrong and at which column (1-based) of its text.</summary>
public sealed class ConditionException(string message, int column) : FormatException($"column {column}: {message}")
{
    public int Column { get; } = column;

    public string Reason { get; } = message;
}

/// <summary>How a check's condition compares its two sides.</summary>
public enum ConditionOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>What one condition said about one run: its text, whether it held, and the value it saw.</summary>
public sealed record ConditionResult(string Condition, bool Success, string? Actual);

/// <summary>
/// One condition of a declarative check, in a small language in the spirit of Gatus's:
/// <c>[STATUS] == 200</c>, <c>[RESPONSE_TIME] &lt; 500</c>, <c>[BODY].data.price &gt; 0</c>,
/// <c>len([BODY].items) &gt;= 1</c>, <c>[BODY].status == pat(*ok*)</c>, <c>[STATUS] == any(200, 204)</c>,
/// <c>[CERTIFICATE_EXPIRATION] &gt; 48h</c>, <c>has([BODY].error) == false</c>. The left side is a value the check
/// measured (a placeholder, optionally inside <c>len()</c> or <c>has()</c>); the right side a literal, a
/// duration (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>; compared in milliseconds), <c>pat()</c> or <c>any()</c>.
/// Parsed once at start-up, with errors that point at the column.
/// </summary>
public sealed partial class Condition
{
    private Condition(string text, Operand left, ConditionOperator op, Expected right)
    {
        Text = text;
        Left = left;
        Operator = op;
        Right = right;
    }

    public string Text { get; }

    public Operand Left { get; }

    public ConditionOperator Operator { get; }

    public Expected Right { get; }

    /// <summary>A placeholder, possibly wrapped in a function: <c>[BODY].data.items</c> inside <c>len()</c>.</summary>
    public sealed record Operand(string Placeholder, IReadOnlyList<object> Path, string? Function)
    {
        public override string ToString()
        {
            var text = new StringBuilder("[").Append(Placeholder).Append(']');
            foreach (var segment in Path)
            {
                text.Append(segment is int i ? $"[{i}]" : "." + segment);
            }

            return Function is null ? text.ToString() : $"{Function}({text})";
        }
    }

    /// <summary>The right side: one or more literals (<c>any()</c>), or a glob pattern (<c>pat()</c>).</summary>
    public sealed record Expected(IReadOnlyList<string> Values, bool Pattern, bool Duration);

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="placeholders"/> are the names the check type measures
    /// (an unknown one is refused with the nearest). Throws <see cref="ConditionException"/>.
    /// </summary>
    public static Condition Parse(string text, IReadOnlyCollection<string> placeholders)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = Skip(text, 0);
        if (position == text.Length)
        {
            throw new ConditionException("the condition is empty; write e.g. [STATUS] == 200", 1);
        }

        var (left, afterLeft) = ParseOperand(text, position, placeholders);
        position = Skip(text, afterLeft);
        var (op, afterOp) = ParseOperator(text, position);
        position = Skip(text, afterOp);
        if (position == text.Length)
        {
            throw new ConditionException("a value is missing after the operator", position + 1);
        }

        var right = ParseExpected(text, position);
        if (op is not (ConditionOperator.Equal or ConditionOperator.NotEqual) && (right.Pattern || right.Values.Count > 1))
        {
            throw new ConditionException("pat() and any() compare with == or != only", position + 1);
        }

        if (op is not (ConditionOperator.Equal or ConditionOperator.NotEqual) && !right.Duration && !IsNumber(right.Values[0]))
        {
            throw new ConditionException($"'{right.Values[0]}' is not a number; <, <=, > and >= compare numbers or durations (500, 1.5, 300ms, 48h)", position + 1);
        }

        return new Condition(text.Trim(), left, op, right);
    }

    /// <summary>Evaluates the condition on the values a run measured.</summary>
    public ConditionResult Evaluate(CheckValues values)
    {
        var actual = values.Resolve(Left);
        if (actual is null)
        {
            return new ConditionResult(Text, false, null);
        }

        var success = Operator switch
        {
            ConditionOperator.Equal => Matches(actual),
            ConditionOperator.NotEqual => !Matches(actual),
            _ => Compare(actual) is { } c && Operator switch
            {
                ConditionOperator.Less => c < 0,
                ConditionOperator.LessOrEqual => c <= 0,
                ConditionOperator.Greater => c > 0,
                _ => c >= 0,
            },
        };
        return new ConditionResult(Text, success, actual);
    }

    private bool Matches(string actual)
    {
        if (Right.Pattern)
        {
            return Glob(Right.Values[0]).IsMatch(actual);
        }

        return Right.Values.Any(expected =>
            Number(actual) is { } a && Number(expected, Right.Duration) is { } e ? a == e : string.Equals(actual, expected, StringComparison.Ordinal));
    }

    private int? Compare(string actual) =>
        Number(actual) is { } a && Number(Right.Values[0], Right.Duration) is { } e ? a.CompareTo(e) : null;

    private static bool IsNumber(string text) => Number(text) is not null;

    private static double? Number(string text, bool duration = false)
    {
        if (duration)
        {
            return Milliseconds(text);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static int Skip(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static (Operand, int) ParseOperand(string text, int position, IReadOnlyCollection<string> placeholders)
    {
        string? function = null;
        var start = position;
        if (text[position] != '[')
        {
            var name = FunctionName().Match(text, position);
            if (!name.Success || name.Index != position)
            {
                throw new ConditionException("the left side must be a measured value in brackets, e.g. [STATUS], [BODY].price, len([BODY].items)", position + 1);
            }

            function = name.Groups[1].Value.ToLowerInvariant();
            if (function is not ("len" or "has"))
            {
                throw new ConditionException($"'{function}()' cannot be on the left; use len() or has(), or put pat()/any() on the right", position + 1);
            }

            position = Skip(text, name.Index + name.Length);
        }

        if (position >= text.Length || text[position] != '[')
        {
            throw new ConditionException("expected a measured value in brackets, e.g. [BODY]", position + 1);
        }

        var close = text.IndexOf(']', position);
        if (close < 0)
        {
            throw new ConditionException("']' is missing", text.Length + 1);
        }

        var placeholder = text[(position + 1)..close].Trim().ToUpperInvariant();
        if (!placeholders.Contains(placeholder, StringComparer.Ordinal))
        {
            var near = Spelling.Nearest(placeholder, placeholders);
            throw new ConditionException(
                $"[{placeholder}] is not measured by this check{(near is null ? "" : $" (did you mean [{near}]?)")}; it measures {string.Join(", ", placeholders.Select(p => $"[{p}]"))}",
                position + 2);
        }

        position = close + 1;
        var path = new List<object>();
        while (position < text.Length && text[position] is '.' or '[')
        {
            if (text[position] == '.')
            {
                var segment = PathSegment().Match(text, position + 1);
                if (!segment.Success || segment.Index != position + 1)
                {
                    throw new ConditionException("expected a name after '.'", position + 2);
                }

                path.Add(segment.Value);
                position += 1 + segment.Length;
            }
            else
            {
                var index = PathIndex().Match(text, position);
                if (!index.Success || index.Index != position)
                {
                    throw new ConditionException("expected an index like [0]", position + 1);
                }

                path.Add(int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture));
                position += index.Length;
            }
        }

        if (path.Count > 0 && placeholder is not ("BODY" or "STDOUT" or "HEADER"))
        {
            throw new ConditionException($"[{placeholder}] has no fields; only [BODY], [STDOUT] and [HEADER] take a path", close + 2);
        }

        if (placeholder == "HEADER" && path is not [string])
        {
            throw new ConditionException("[HEADER] needs the header's name, e.g. [HEADER].content-type", close + 2);
        }

        if (function is not null)
        {
            position = Skip(text, position);
            if (position >= text.Length || text[position] != ')')
            {
                throw new ConditionException($"')' is missing after {function}(", position + 1);
            }

            position++;
        }

        _ = start;
        return (new Operand(placeholder, path, function), position);
    }

    private static (ConditionOperator, int) ParseOperator(string text, int position)
    {
        var rest = text.AsSpan(position);
        (ConditionOperator, int)? found =
            rest.StartsWith("==") ? (ConditionOperator.Equal, 2)
            : rest.StartsWith("!=") ? (ConditionOperator.NotEqual, 2)
            : rest.StartsWith("<=") ? (ConditionOperator.LessOrEqual, 2)
            : rest.StartsWith(">=") ? (ConditionOperator.GreaterOrEqual, 2)
            : rest.StartsWith("<") ? (ConditionOperator.Less, 1)
            : rest.StartsWith(">") ? (ConditionOperator.Greater, 1)
            : null;
        if (found is not { } op)
        {
            throw new ConditionException(
                position >= text.Length ? "an operator is missing (==, !=, <, <=, >, >=)" : $"expected an operator (==, !=, <, <=, >, >=), found '{text[position]}'",
                position + 1);
        }

        return (op.Item1, position + op.Item2);
    }

    private static Expected ParseExpected(string text, int position)
    {
        var raw = text[position..].TrimEnd();
        var call = FunctionName().Match(raw);
        if (call.Success && call.Index == 0)
        {
            var function = call.Groups[1].Value.ToLowerInvariant();
            if (function is not ("pat" or "any"))
            {
                throw new ConditionException($"'{function}()' cannot be on the right; use pat() or any()", position + 1);
            }

            if (!raw.EndsWith(')'))
            {
                throw new ConditionException($"')' is missing at the end of {function}(", position + raw.Length + 1);
            }

            var inside = raw[call.Length..^1];
            if (function == "pat")
            {
                return new Expected([Unquote(inside.Trim())], Pattern: true, Duration: false);
            }

            var items = inside.Split(',').Select(i => Unquote(i.Trim())).ToList();
            if (items.Any(i => i.Length == 0))
            {
                throw new ConditionException("any() has an empty value", position + call.Length + 1);
            }

            return new Expected(items, Pattern: false, Duration: items.All(i => !IsNumber(i) && Milliseconds(i) is not null));
        }

        var value = Unquote(raw);
        var duration = !IsNumber(value) && Milliseconds(value) is not null;
        return new Expected([value], Pattern: false, Duration: duration);
    }

    /// <summary>A duration literal (<c>300ms</c>, <c>1.5s</c>, <c>48h</c>, <c>1h30m</c>) in milliseconds, or null.</summary>
    private static double? Milliseconds(string text)
    {
        if (!DurationLiteral().IsMatch(text))
        {
            return null;
        }

        var total = 0.0;
        foreach (Match part in DurationPart().Matches(text))
        {
            var n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += n * part.Groups[3].Value switch { "ms" => 1, "s" => 1_000, "m" => 60_000, "h" => 3_600_000, _ => 86_400_000 };
        }

        return double.IsFinite(total) ? total : null;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    [GeneratedRegex(@"([A-Za-z]+)\s*\(")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"[A-Za-z0-9_\-]+")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"\[\s*(\d{1,6})\s*\]")]
    private static partial Regex PathIndex();

    [GeneratedRegex(@"^\d+(\.\d+)?(ms|s|m|h|d)(\d+(\.\d+)?(ms|s|m|h|d))*$")]
    private static partial Regex DurationLiteral();

    [GeneratedRegex(@"(\d+(\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex DurationPart();
}

/// <summary>
/// What one run of a check measured, as its conditions read it: simple values by placeholder
/// (<c>STATUS</c> → <c>200</c>), a JSON body or output for paths, and headers.
/// </summary>
public sealed class CheckValues
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public CheckValues Set(string placeholder, string? value)
    {
        _values[placeholder] = value;
        return this;
    }

    public CheckValues Set(string placeholder, double value) => Set(placeholder, value.ToString("0.###", CultureInfo.InvariantCulture));

    /// <summary>Text that paths read as JSON when it parses (a body, a command's output).</summary>
    public CheckValues SetDocument(string placeholder, string? text)
    {
        _values[placeholder] = text;
        JsonNode? node = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                node = null;
            }
        }

        _documents[placeholder] = node;
        return this;
    }

    public CheckValues SetHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    /// <summary>The operand's value as text, or null when the run did not measure it (the condition fails).</summary>
    public string? Resolve(Condition.Operand operand)
    {
        if (operand.Placeholder == "HEADER")
        {
            var found = _headers.TryGetValue((string)operand.Path[0], out var header);
            return operand.Function switch
            {
                "has" => found ? "true" : "false",
                "len" => found ? header!.Length.ToString(CultureInfo.InvariantCulture) : null,
                _ => found ? header : null,
            };
        }

        if (operand.Path.Count == 0)
        {
            var present = _values.TryGetValue(operand.Placeholder, out var value) && value is not null;
            return operand.Function switch
            {
                "has" => present ? "true" : "false",
                "len" => present ? (_documents.GetValueOrDefault(operand.Placeholder) is JsonArray array ? array.Count : value!.Length).ToString(CultureInfo.InvariantCulture) : null,
                _ => value,
            };
        }

        var node = _documents.GetValueOrDefault(operand.Placeholder);
        var exists = node is not null;
        foreach (var segment in operand.Path)
        {
            (exists, node) = segment switch
            {
                int index when node is JsonArray array && index < array.Count => (true, array[index]),
                string name when node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) => (true, child),
                _ => (false, null),
            };
            if (!exists)
            {
                break;
            }
        }

        return operand.Function switch
        {
            "has" => exists ? "true" : "false",
            "len" => !exists ? null : node switch
            {
                JsonArray array => array.Count.ToString(CultureInfo.InvariantCulture),
                JsonObject obj => obj.Count.ToString(CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<string>(out var s) => s.Length.ToString(CultureInfo.InvariantCulture),
                null => "0",
                _ => node.ToJsonString().Length.ToString(CultureInfo.InvariantCulture),
            },
            _ => !exists ? null : node switch
            {
                null => "null",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                _ => node.ToJsonString(),
            },
        };
    }
}
