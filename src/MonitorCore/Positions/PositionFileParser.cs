using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MonitorCore.Positions;

/// <summary>A row of a positions file that was not imported, by its 1-based line.</summary>
public sealed record PositionFileError(int Line, string Message);

/// <summary>What a positions file held: the good rows (each with its line in <see cref="Lines"/>), and the bad ones with their line.</summary>
public sealed record PositionFileResult(IReadOnlyList<Position> Positions, IReadOnlyList<PositionFileError> Errors)
{
    /// <summary>The 1-based line of each of <see cref="Positions"/>, in the same order.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];
}

/// <summary>
/// Reads positions from a JSON file (an array, or <c>{"positions": [...]}</c>) or a CSV file with a
/// header, for traders who are not on Jupiter. Fields: <c>id</c>, <c>asset_type</c>,
/// <c>position_type</c> (LONG/SHORT), <c>entry_price</c>, <c>liquidation_price</c>, <c>size</c> (USD),
/// <c>collateral</c> (USD), and optionally <c>current_price</c>, <c>pnl_after_fees_usd</c>,
/// <c>wallet_name</c> (camelCase names work too). Bad rows are reported by line and skipped.
/// </summary>
public static class PositionFileParser
{
    public const string Source = "file";

    public static PositionFileResult Parse(string text, string fileName, DateTimeOffset now)
    {
        var csv = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                  || (!fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && text.TrimStart() is var t && t.Length > 0 && t[0] is not ('[' or '{'));
        return csv ? ParseCsv(text, now) : ParseJson(text, now);
    }

    private static PositionFileResult ParseJson(string text, DateTimeOffset now)
    {
        var rows = new Rows();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return new PositionFileResult([], [new PositionFileError((int)(ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("positions", out var list) && list.ValueKind == JsonValueKind.Array ? list
                : (JsonElement?)null;
            if (items is not { } array)
            {
                return new PositionFileResult([], [new PositionFileError(1, "expected a JSON array of positions, or an object with a 'positions' array")]);
            }

            var lines = ElementLines(text);
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                var line = i < lines.Count ? lines[i] : 0;
                i++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    rows.Errors.Add(new PositionFileError(line, $"item {i} is not an object"));
                    continue;
                }

                // A field given twice (also as entryPrice and entry_price) makes the row ambiguous: it is named, not guessed.
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                string? twice = null;
                foreach (var property in element.EnumerateObject())
                {
                    var name = Normalize(property.Name);
                    if (!fields.TryAdd(name, TextOf(property.Value)))
                    {
                        twice ??= name;
                    }
                }

                if (twice is not null)
                {
                    rows.Errors.Add(new PositionFileError(line, $"{twice} is given twice"));
                    continue;
                }

                Add(fields, line, now, rows);
            }
        }

        return rows.Result();
    }

    /// <summary>A string's value; a number, true, false, an object or an array as its JSON text; null as null.</summary>
    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static PositionFileResult ParseCsv(string text, DateTimeOffset now)
    {
        var rows = new Rows();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string[]? header = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var cells = SplitCsv(lines[i]);
            if (header is null)
            {
                header = [.. cells.Select(Normalize)];
                if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    rows.Errors.Add(new PositionFileError(i + 1, $"column '{twice.Key}' is in the header twice: no row can be read"));
                    break;
                }

                continue;
            }

            if (cells.Count != header.Length)
            {
                rows.Errors.Add(new PositionFileError(i + 1, $"{cells.Count} columns, the header has {header.Length}"));
                continue;
            }

            var fields = header.Zip(cells).ToDictionary(p => p.First, p => (string?)p.Second, StringComparer.Ordinal);
            Add(fields, i + 1, now, rows);
        }

        return rows.Result();
    }

    /// <summary>The rows read so far: the good ones with their lines, the bad ones, and the line of each id seen.</summary>
    private sealed class Rows
    {
        public List<Position> Positions { get; } = [];

        public List<int> Lines { get; } = [];

        public List<PositionFileError> Errors { get; } = [];

        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        public PositionFileResult Result() => new(Positions, [.. Errors.OrderBy(e => e.Line)]) { Lines = Lines };
    }

    private static void Add(Dictionary<string, string?> fields, int line, DateTimeOffset now, Rows rows)
    {
        try
        {
            var position = Read(fields, now);
            if (PositionValidator.Problem(position) is { } problem)
            {
                throw new FormatException(problem);
            }

            if (!rows.Ids.TryAdd(position.Id, line))
            {
                throw new FormatException($"id {position.Id} is given twice (first on line {rows.Ids[position.Id]})");
            }

            rows.Positions.Add(position);
            rows.Lines.Add(line);
        }
        catch (FormatException ex)
        {
            rows.Errors.Add(new PositionFileError(line, ex.Message));
        }
    }

    private static Position Read(Dictionary<string, string?> f, DateTimeOffset now)
    {
        string Text(string name) => f.GetValueOrDefault(name) is { Length: > 0 } value ? value.Trim() : throw new FormatException($"{name} is missing");
        double Number(string name, bool positive)
        {
            var text = Text(name);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0 || (positive && value == 0))
            {
                throw new FormatException($"{name} must be a {(positive ? "positive" : "non-negative")} number, got '{text}'");
            }

            return value;
        }

        double? Optional(string name, bool signed) => f.GetValueOrDefault(name) is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && (signed || v > 0)
                ? v
                : throw new FormatException($"{name} must be a number, got '{text}'")
            : null;

        if (!Vocabulary.TryParse<PositionType>(f.GetValueOrDefault("position_type"), out var type))
        {
            throw new FormatException($"position_type must be LONG or SHORT, got '{f.GetValueOrDefault("position_type")}'");
        }

        return new Position
        {
            Id = Text("id"),
            AssetType = Text("asset_type").ToUpperInvariant(),
            PositionType = type,
            EntryPrice = Number("entry_price", positive: true),
            LiquidationPrice = Number("liquidation_price", positive: false),
            Size = Number("size", positive: true),
            Collateral = Number("collateral", positive: true),
            CurrentPrice = Optional("current_price", signed: false) ?? 0,
            PnlAfterFeesUsd = Optional("pnl_after_fees_usd", signed: true),
            WalletName = f.GetValueOrDefault("wallet_name") is { Length: > 0 } wallet ? wallet.Trim() : null,
            LastUpdated = now,
            Source = Source,
        };
    }

    /// <summary><c>entryPrice</c>, <c>Entry Price</c> and <c>entry_price</c> all name <c>entry_price</c>.</summary>
    private static string Normalize(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Trim())
        {
            if (char.IsUpper(c) && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }

            builder.Append(c is ' ' or '-' ? '_' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static List<string> SplitCsv(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < row.Length && row[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>The 1-based line on which each element of the top-level positions array starts.</summary>
    private static List<int> ElementLines(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        var lines = new List<int>();
        var arrayDepth = -1;
        // Newlines are counted from the previous element on, once: a count from the start each time made a large file quadratic.
        var line = 1;
        var counted = 0;
        while (reader.Read())
        {
            if (arrayDepth < 0 && reader.TokenType == JsonTokenType.StartArray)
            {
                arrayDepth = reader.CurrentDepth;
            }
            else if (arrayDepth >= 0 && reader.CurrentDepth == arrayDepth + 1
                     && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.String
                         or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                var start = (int)reader.TokenStartIndex;
                line += bytes.AsSpan(counted, start - counted).Count((byte)'\n');
                counted = start;
                lines.Add(line);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else if (arrayDepth >= 0 && reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == arrayDepth)
            {
                break;
            }
        }

        return lines;
    }
}
