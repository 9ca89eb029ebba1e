using System.Text.Json;
using MonitorCore.Ledger;

namespace MonitorCore.Cli;

/// <summary>How a ledger row reads in text output.</summary>
internal static class LedgerText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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
