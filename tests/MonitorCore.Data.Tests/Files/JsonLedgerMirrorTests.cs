using System.Text.Json.Nodes;
using MonitorCore.Data.Files;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Data.Tests.Files;

public sealed class JsonLedgerMirrorTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Mirrored_lines_read_back_as_the_same_rows()
    {
        using var mirror = new JsonLedgerMirror(_folder.File("ledgers"));
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            new LedgerEntry(1, "price_monitor", at, MonitorStatus.Success, new JsonObject { ["fetched"] = 4 }, 10.5, "c1"),
            new LedgerEntry(2, "price_monitor", at.AddMinutes(1), MonitorStatus.Error, new JsonObject { ["error"] = "down" }, 2, null),
        };
        await Task.WhenAll(entries.Select(e => mirror.WriteAsync(e, default)));

        var file = _folder.File("ledgers/price_monitor_ledger.json");
        using var reader = new StreamReader(file);
        var parsed = LegacyLedgerParser.Parse(reader, file);
        Assert.Empty(parsed.Errors);
        var back = parsed.Entries.Select(e => e.Entry).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal(entries.Select(e => (e.MonitorName, e.Timestamp, e.Status, e.DurationMs, e.CycleId)),
            back.Select(e => (e.MonitorName, e.Timestamp, e.Status, e.DurationMs, e.CycleId)));
        Assert.Equal(4, (int?)back[0].Metadata["fetched"]);
    }
}
