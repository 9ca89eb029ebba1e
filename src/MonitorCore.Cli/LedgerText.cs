using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Ledger;

namespace MonitorCore.Cli;

/// <summary>How a ledger row reads in text output.</summary>
internal static class LedgerText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The keys that say why a run was not a plain success (one of them is there when so).</summary>
    private static readonly string[] SaidKeys = ["error", "warning", "reason"];

    /// <summary>The keys whose values say, in one line, what a successful run did.</summary>
    private static readonly string[] SummaryKeys =
    [
        "fetched", "imported", "updated", "stale_closed", "active", "positions", "total_checked", "danger_count", "total_profit", "max_profit",
        "max_heat_index", "worst_travel_percent", "level", "triggered", "notification_id", "account_status", "mode",
    ];

    /// <summary>
    /// One line: monitor, status, duration and a short summary (the error, warning or reason; else what it did:
    /// <c>fetched 4, mode demo</c>), at most about 100 characters of it.
    /// </summary>
    public static string Line(LedgerEntry entry)
    {
        var duration = entry.DurationMs is { } ms ? $"{ms:0} ms" : "-";
        var said = SaidKeys.Select(k => entry.Metadata[k]).OfType<JsonValue>().Select(v => v.ToString()).FirstOrDefault();
        var summary = said ?? string.Join(", ", SummaryKeys
            .Where(k => entry.Metadata[k] is JsonValue || entry.Metadata[k] is JsonArray)
            .Select(k => entry.Metadata[k] is JsonArray list ? $"{k} {list.Count}" : $"{k} {Scalar(entry.Metadata[k]!)}"));
        if (summary.Length > 100)
        {
            summary = summary[..99] + "…";
        }

        return $"{entry.MonitorName,-18} {entry.Status,-8} {duration,9}  {summary}".TrimEnd();
    }

    private static string Scalar(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d.ToString(Math.Abs(d) >= 1000 ? "#,0.##" : "0.####", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString();

    public static void Write(TextWriter output, LedgerEntry entry, bool detailed)
    {
        var duration = entry.DurationMs is { } ms ? $"{ms:0.#} ms" : "-";
        var cycle = entry.CycleId is null ? "" : $"  cycle {entry.CycleId}";
        if (!detailed)
        {
            output.WriteLine($"#{entry.Id,-7} {Format.Time(entry.Timestamp)}  {entry.MonitorName,-20} {entry.Status,-8} {duration,10}  {entry.Metadata.ToJsonString()}{cycle}");
            return;
        }

        output.WriteLine($"{entry.MonitorName}: {entry.Status} in {duration} (ledger row #{entry.Id}, {Format.Time(entry.Timestamp)}){cycle}");
        output.WriteLine(entry.Metadata.ToJsonString(Indented));
    }
}
