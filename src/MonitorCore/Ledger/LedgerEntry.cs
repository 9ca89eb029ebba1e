using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Ledger;

/// <summary>One row of <c>monitor_ledger</c>: one run of one monitor.</summary>
/// <param name="Id">The row id; 0 before the row is stored.</param>
/// <param name="MonitorName">The monitor's key.</param>
/// <param name="Timestamp">When the run started (UTC).</param>
/// <param name="Status">The run's explicit status.</param>
/// <param name="Metadata">The run's metadata (a JSON object).</param>
/// <param name="DurationMs">How long the run took, in milliseconds; null for imported rows that did not say.</param>
/// <param name="CycleId">The cycle the run belonged to, or null outside a cycle.</param>
public sealed record LedgerEntry(
    long Id,
    string MonitorName,
    DateTimeOffset Timestamp,
    MonitorStatus Status,
    JsonObject Metadata,
    double? DurationMs,
    string? CycleId)
{
    /// <summary>
    /// How far ahead of now an imported row may be dated (clocks differ a little); a row further ahead is refused
    /// by line. Health never takes a row dated after now as a monitor's newest, so a row from the future can
    /// never hide the monitor's real state.
    /// </summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
}
