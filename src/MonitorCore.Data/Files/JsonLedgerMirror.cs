using System.Text.Json.Nodes;
using MonitorCore.Ledger;

namespace MonitorCore.Data.Files;

/// <summary>Options of the <c>Ledger</c> configuration section.</summary>
public sealed class LedgerOptions
{
    /// <summary>Also append each run to the legacy <c>&lt;monitor&gt;_ledger.json</c> files (non-authoritative).</summary>
    public bool WriteJsonLedgers { get; set; }

    /// <summary>Where the legacy JSON ledgers are written.</summary>
    public string JsonLedgerFolder { get; set; } = "./data/ledgers";

    /// <summary>Ledger and price rows older than this many days are pruned.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 36500)]
    public int RetentionDays { get; set; } = 90;
}

/// <summary>
/// Appends each ledger row as one JSON line to <c>&lt;folder&gt;/&lt;monitor&gt;_ledger.json</c>, in the
/// format that <see cref="LegacyLedgerParser"/> reads back.
/// </summary>
public sealed class JsonLedgerMirror(string folder) : ILedgerMirror, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var line = new JsonObject
        {
            ["timestamp"] = entry.Timestamp.ToString("O"),
            ["monitor_name"] = entry.MonitorName,
            ["status"] = entry.Status.ToString(),
            ["metadata"] = entry.Metadata.DeepClone(),
            ["duration_ms"] = entry.DurationMs,
            ["cycle_id"] = entry.CycleId,
        }.ToJsonString() + "\n";

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(folder);
            await File.AppendAllTextAsync(Path.Combine(folder, $"{entry.MonitorName}_ledger.json"), line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
