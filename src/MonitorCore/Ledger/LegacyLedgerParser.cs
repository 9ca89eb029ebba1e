using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Ledger;

/// <summary>A line of a legacy ledger that could not be read, by its 1-based number.</summary>
public sealed record LegacyLedgerLineError(int LineNumber, string Message);

/// <summary>What a legacy ledger file held: the rows it could read and the lines it could not.</summary>
public sealed record LegacyLedgerParseResult(
    IReadOnlyList<ImportedLedgerEntry> Entries,
    IReadOnlyList<LegacyLedgerLineError> Errors);

/// <summary>
/// Reads the legacy JSON-lines ledgers (<c>&lt;monitor&gt;_ledger.json</c>): one run per line with
/// <c>timestamp</c>, <c>status</c> and <c>metadata</c>; the monitor is named by <c>monitor_name</c> or
/// <c>component</c> on the line, else by the file name. Each row carries a key derived from its
/// content so that importing the same file twice adds nothing.
/// </summary>
public static class LegacyLedgerParser
{
    private static readonly HashSet<string> KnownFields =
        ["timestamp", "status", "metadata", "monitor_name", "component", "duration_ms", "cycle_id"];

    /// <param name="reader">The file's text.</param>
    /// <param name="fileName">Its name (it may name the monitor).</param>
    /// <param name="notAfter">Lines dated after this (now plus <see cref="LedgerEntry.FutureTolerance"/>) are refused by line number.</param>
    public static LegacyLedgerParseResult Parse(TextReader reader, string fileName, DateTimeOffset? notAfter = null)
    {
        var fallbackName = MonitorNameFromFileName(fileName);
        var entries = new List<ImportedLedgerEntry>();
        var errors = new List<LegacyLedgerLineError>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            try
            {
                var entry = ParseLine(trimmed, fallbackName);
                if (notAfter is { } limit && entry.Entry.Timestamp > limit)
                {
                    throw new FormatException(
                        $"dated {entry.Entry.Timestamp:O}, in the future: refused, so that it cannot stand for the monitor's newest run");
                }

                entries.Add(entry);
            }
            catch (FormatException ex)
            {
                errors.Add(new LegacyLedgerLineError(lineNumber, ex.Message));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException)
            {
                // What the JSON reader or the date arithmetic refuses (a property given twice, a date out of range) is this line's problem alone.
                errors.Add(new LegacyLedgerLineError(lineNumber, $"cannot be read: {ex.Message}"));
            }
        }

        return new LegacyLedgerParseResult(entries, errors);
    }

    /// <summary><c>price_ledger.json</c> → <c>price_monitor</c>; <c>liquid_monitor_ledger.json</c> → <c>liquid_monitor</c>.</summary>
    public static string? MonitorNameFromFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        const string suffix = "_ledger.json";
        if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var stem = name[..^suffix.Length].ToLowerInvariant();
        return stem.Length == 0 ? null : stem.EndsWith("_monitor", StringComparison.Ordinal) ? stem : stem + "_monitor";
    }

    /// <summary>Maps a legacy status word to a status; words the product does not use become Warning.</summary>
    public static MonitorStatus MapStatus(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "success" or "succeeded" or "ok" or "healthy" => MonitorStatus.Success,
        "error" or "failed" or "failure" or "fail" or "exception" or "critical" => MonitorStatus.Error,
        "skipped" or "skip" => MonitorStatus.Skipped,
        "disabled" => MonitorStatus.Disabled,
        _ => MonitorStatus.Warning,
    };

    private static ImportedLedgerEntry ParseLine(string line, string? fallbackName)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(line) as JsonObject
                ?? throw new FormatException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON ({ex.Message})", ex);
        }

        var name = Text(obj, "monitor_name") ?? Text(obj, "component") ?? fallbackName
            ?? throw new FormatException("no monitor named (no 'monitor_name' or 'component', and the file name does not say)");
        var timestampText = Text(obj, "timestamp") ?? throw new FormatException("no 'timestamp'");
        var timestamp = ParseTimestamp(timestampText);
        var statusWord = Text(obj, "status") ?? throw new FormatException("no 'status'");
        var status = MapStatus(statusWord);

        var metadata = obj["metadata"] switch
        {
            null => [],
            JsonObject m => (JsonObject)m.DeepClone(),
            var other => new JsonObject { ["value"] = other.DeepClone() },
        };
        if (!string.Equals(statusWord, status.ToString(), StringComparison.Ordinal))
        {
            metadata["legacy_status"] = statusWord;
        }

        foreach (var (key, value) in obj)
        {
            if (!KnownFields.Contains(key))
            {
                metadata["legacy_" + key] = value?.DeepClone();
            }
        }

        var duration = Duration(obj["duration_ms"]);
        if (name.Trim().Length == 0 || name.Contains('\0', StringComparison.Ordinal) || line.Contains("\\u0000", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException(name.Trim().Length == 0
                ? "the monitor name is blank"
                : "holds a NUL character (U+0000), which cannot be stored");
        }
        var entry = new LedgerEntry(0, name, timestamp, status, metadata, duration, Text(obj, "cycle_id"));
        return new ImportedLedgerEntry(entry, ImportKey(name, line));
    }

    /// <summary>A run's duration: absent or null, or a finite number of milliseconds, not negative.</summary>
    private static double? Duration(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value
            && (value.TryGetValue<double>(out var ms)
                || (value.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out ms)))
            && double.IsFinite(ms) && ms >= 0)
        {
            return ms;
        }

        var shown = node.ToJsonString();
        throw new FormatException($"duration_ms must be a number of milliseconds, not negative, got {(shown.Length > 40 ? shown[..37] + "..." : shown)}");
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>ISO-8601 with an offset, with <c>Z</c>, or naive (meaning UTC).</summary>
    public static DateTimeOffset ParseTimestamp(string text)
    {
        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw new FormatException($"timestamp '{text}' is not ISO-8601");
    }

    private static string ImportKey(string monitorName, string line)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(monitorName + "\n" + line));
        return "legacy:" + Convert.ToHexStringLower(bytes);
    }
}
