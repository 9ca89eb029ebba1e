using System.Text.Json;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// Where each configuration key of a JSON file is written: its line, so that a problem names the line as
/// well as the key (<c>Monitors:exchange_up:Type (monitorcore.json line 4)</c>). Also finds keys written twice
/// in one object, which the configuration library would merge or refuse without a line.
/// </summary>
public sealed class JsonLines
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _duplicates = [];

    private JsonLines(string file, string? prefix)
    {
        File = file;
        Prefix = prefix;
    }

    /// <summary>The file as users name it (relative to the working folder when under it).</summary>
    public string File { get; }

    /// <summary>The section the file's top level stands for (<c>Monitors</c> for <c>config/monitors.json</c>), or null.</summary>
    public string? Prefix { get; }

    /// <summary>Keys written twice in one object, each as a problem naming both lines.</summary>
    public IReadOnlyList<string> Duplicates => _duplicates;

    public IEnumerable<string> Keys => _lines.Keys;

    /// <summary>Scans <paramref name="bytes"/>; a file that is not valid JSON gives no lines (its parse error is reported elsewhere).</summary>
    public static JsonLines Scan(string file, ReadOnlySpan<byte> bytes, string? prefix = null)
    {
        var result = new JsonLines(file, prefix);
        try
        {
            result.Walk(bytes);
        }
        catch (JsonException)
        {
            // Not valid JSON: nothing to point at.
        }

        return result;
    }

    /// <summary>The line of <paramref name="key"/> or of its nearest written parent, or null.</summary>
    public int? LineOf(string key) => Find(key)?.Line;

    /// <summary>The line of <paramref name="key"/> or of its nearest written parent, with how many parts of the key matched.</summary>
    public (int Line, int Depth)? Find(string key)
    {
        var parts = key.Split(':');
        for (var depth = parts.Length; depth > 0; depth--)
        {
            if (_lines.TryGetValue(string.Join(':', parts.Take(depth)), out var line))
            {
                return (line, depth);
            }
        }

        return null;
    }

    /// <summary>
    /// Appends <c>(file line N)</c> to a problem that starts with a key, from the file that holds the most of
    /// that key; a problem that already names a line is left as it is.
    /// </summary>
    public static string Locate(string problem, IReadOnlyList<JsonLines> files)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || problem.Contains("line ", StringComparison.Ordinal) || problem.Contains("lines ", StringComparison.Ordinal))
        {
            return problem;
        }

        var key = problem[..colon];
        var best = files.Select(f => (File: f, Found: f.Find(key))).Where(x => x.Found is not null).OrderByDescending(x => x.Found!.Value.Depth).FirstOrDefault();
        return best.Found is { } found ? $"{problem} ({best.File.File} line {found.Line})" : problem;
    }

    private void Walk(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var containers = new Stack<Container>();
        var line = 1;
        var counted = 0;
        string? pending = null;
        while (reader.Read())
        {
            var at = LineAt(bytes, reader.TokenStartIndex, ref line, ref counted);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = reader.GetString() ?? "";
                    var full = Full(path, name);
                    var names = containers.Peek().Names!;
                    if (names.TryGetValue(name, out var first))
                    {
                        _duplicates.Add($"{full}: written twice in {File} (lines {first} and {at}); keep one");
                    }
                    else
                    {
                        names[name] = at;
                    }

                    _lines.TryAdd(full, at);
                    pending = name;
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var segment = Segment(ref pending, containers, path, at);
                    if (segment is not null)
                    {
                        path.Add(segment);
                    }

                    containers.Push(new Container(
                        segment is not null,
                        reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) : null));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (containers.Pop().Pushed)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                default:
                    Segment(ref pending, containers, path, at);
                    break;
            }
        }
    }

    private sealed class Container(bool pushed, Dictionary<string, int>? names)
    {
        public bool Pushed { get; } = pushed;

        /// <summary>The keys of an object with their lines; null for an array.</summary>
        public Dictionary<string, int>? Names { get; } = names;

        public int Next { get; set; }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, long index, ref int line, ref int counted)
    {
        var end = (int)index;
        line += bytes[counted..end].Count((byte)'\n');
        counted = end;
        return line;
    }

    private string Full(List<string> path, string name)
    {
        var key = string.Join(':', path.Append(name));
        return Prefix is null ? key : Prefix + ":" + key;
    }

    /// <summary>The key segment of the value starting here: the pending property name, or the next array index (recorded with its line).</summary>
    private string? Segment(ref string? pending, Stack<Container> containers, List<string> path, int at)
    {
        if (pending is not null)
        {
            var name = pending;
            pending = null;
            return name;
        }

        if (containers.Count > 0 && containers.Peek() is { Names: null } array)
        {
            var index = array.Next++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _lines.TryAdd(Full(path, index), at);
            return index;
        }

        return null;
    }
}
