using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Tests.Ledger;

public class LegacyLedgerParserTests
{
    private static LegacyLedgerParseResult ParseFixture(string name)
    {
        using var reader = new StreamReader(Fixtures.PathOf("legacy_ledgers/" + name));
        return LegacyLedgerParser.Parse(reader, name);
    }

    [Theory]
    [InlineData("price_ledger.json", "price_monitor")]
    [InlineData("position_ledger.json", "position_monitor")]
    [InlineData("liquid_monitor_ledger.json", "liquid_monitor")]
    [InlineData("/some/folder/Price_Ledger.json", "price_monitor")]
    [InlineData("notes.json", null)]
    [InlineData("_ledger.json", null)]
    public void The_file_name_names_the_monitor(string file, string? expected) =>
        Assert.Equal(expected, LegacyLedgerParser.MonitorNameFromFileName(file));

    [Fact]
    public void Reads_every_fixture_and_reports_broken_lines_by_number()
    {
        var position = ParseFixture("position_ledger.json");
        Assert.Equal([2, 5, 6], position.Errors.Select(e => e.LineNumber));
        Assert.All(position.Entries, e => Assert.Equal("position_monitor", e.Entry.MonitorName));
        var failed = Assert.Single(position.Entries, e => e.Entry.Status == MonitorStatus.Error);
        Assert.Equal("Failed", (string?)failed.Entry.Metadata["legacy_status"]);
    }

    [Fact]
    public void Timestamps_with_offset_z_or_naive_are_utc()
    {
        var price = ParseFixture("price_ledger.json");
        var times = price.Entries.Select(e => e.Entry.Timestamp).ToList();
        Assert.All(times, t => Assert.Equal(TimeSpan.Zero, t.Offset));
        Assert.Contains(new DateTimeOffset(2025, 7, 20, 14, 5, 12, TimeSpan.Zero), times);
        Assert.Contains(new DateTimeOffset(2025, 7, 20, 14, 4, 12, TimeSpan.Zero).AddTicks(47110), times);
    }

    [Fact]
    public void Unknown_fields_are_kept_as_legacy_metadata()
    {
        var price = ParseFixture("price_ledger.json");
        Assert.Equal("price_update", (string?)price.Entries[0].Entry.Metadata["legacy_operation"]);
    }

    [Fact]
    public void The_same_line_gives_the_same_key_and_a_different_line_another()
    {
        var line = """{"timestamp": "2025-07-20T14:03:11Z", "status": "Success", "metadata": {"n": 1}}""";
        var other = """{"timestamp": "2025-07-20T14:03:12Z", "status": "Success", "metadata": {"n": 1}}""";
        var a = LegacyLedgerParser.Parse(new StringReader(line + "\n" + other), "price_ledger.json").Entries;
        var b = LegacyLedgerParser.Parse(new StringReader(line), "x/price_ledger.json").Entries;
        Assert.Equal(a[0].ImportKey, b[0].ImportKey);
        Assert.NotEqual(a[0].ImportKey, a[1].ImportKey);
    }

    [Theory]
    [InlineData("""{"status": "Success"}""", "no 'timestamp'")]
    [InlineData("""{"timestamp": "yesterday", "status": "Success"}""", "not ISO-8601")]
    [InlineData("""{"timestamp": "2025-07-20T14:03:11Z"}""", "no 'status'")]
    [InlineData("""[1, 2]""", "not a JSON object")]
    [InlineData("""{"timestamp": """, "not valid JSON")]
    public void Says_what_is_wrong_with_a_line(string line, string message)
    {
        var result = LegacyLedgerParser.Parse(new StringReader("\n" + line), "price_ledger.json");
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_without_a_monitor_in_a_file_that_names_none_is_an_error()
    {
        var result = LegacyLedgerParser.Parse(new StringReader("""{"timestamp": "2025-07-20T14:03:11Z", "status": "ok"}"""), "misc.json");
        Assert.Contains("no monitor named", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Success", MonitorStatus.Success)]
    [InlineData("FAILED", MonitorStatus.Error)]
    [InlineData("skipped", MonitorStatus.Skipped)]
    [InlineData("Disabled", MonitorStatus.Disabled)]
    [InlineData("meh", MonitorStatus.Warning)]
    [InlineData(null, MonitorStatus.Warning)]
    public void Maps_legacy_status_words(string? word, MonitorStatus expected) =>
        Assert.Equal(expected, LegacyLedgerParser.MapStatus(word));

    [Fact]
    public void Non_object_metadata_and_extra_fields_are_kept()
    {
        var line = """{"timestamp": "2025-07-20T14:03:11+02:00", "component": "x_monitor", "status": "Success", "metadata": [1], "duration_ms": 12.5, "cycle_id": "c1"}""";
        var entry = Assert.Single(LegacyLedgerParser.Parse(new StringReader(line), "a.json").Entries).Entry;
        Assert.Equal("[1]", entry.Metadata["value"]!.ToJsonString());
        Assert.Equal(12.5, entry.DurationMs);
        Assert.Equal("c1", entry.CycleId);
        Assert.Equal(new DateTimeOffset(2025, 7, 20, 12, 3, 11, TimeSpan.Zero), entry.Timestamp);
    }
}
