namespace MonitorCore.Cli.Tests;

/// <summary>One bad row never breaks an import: each is named by its line with the reason, and the good rows are kept.</summary>
public sealed class ImportRowsTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public ImportRowsTests() => _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_csv_with_an_infinite_leverage_an_absurd_price_and_a_doubled_id_keeps_its_good_rows_and_names_the_bad_ones()
    {
        await File.WriteAllTextAsync(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral
            good-1,SOL,LONG,180,150,1000,100
            tiny,SOL,LONG,180,150,1500,1e-320
            absurd,ETH,LONG,-5e300,2000,1000,100
            good-2,BTC,SHORT,97000,120000,2000,400
            good-1,SOL,LONG,181,150,1000,100
            """);

        var result = await _cli.RunAsync("positions", "import", "mine.csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 positions imported, 3 rows skipped", result.Out, StringComparison.Ordinal);
        Assert.Contains("mine.csv:3: skipped: leverage is not a finite number", result.Error, StringComparison.Ordinal);
        Assert.Contains("mine.csv:4: skipped: entry_price must be a positive number, got '-5e300'", result.Error, StringComparison.Ordinal);
        Assert.Contains("mine.csv:6: skipped: id good-1 is given twice (first on line 2)", result.Error, StringComparison.Ordinal);
        var ids = (await _cli.RunAsync("positions", "--json")).Json["positions"]!.AsArray().Select(p => (string?)p!["id"]).Order(StringComparer.Ordinal);
        Assert.Equal(["good-1", "good-2"], ids);
    }

    [Fact]
    public async Task A_json_file_names_its_bad_items_by_line_and_keeps_the_good_ones()
    {
        await File.WriteAllTextAsync(_folder.File("mine.json"), """
            [
              {"id": "good", "asset_type": "SOL", "position_type": "LONG", "entry_price": 180, "liquidation_price": 150, "size": 1000, "collateral": 100},
              {"id": "both", "asset_type": "SOL", "position_type": "LONG", "entry_price": 180, "entryPrice": 181, "liquidation_price": 150, "size": 1000, "collateral": 100},
              {"id": "tiny", "asset_type": "SOL", "position_type": "LONG", "entry_price": 180, "liquidation_price": 150, "size": 1500, "collateral": 1e-320},
              "not an object"
            ]
            """);

        var result = await _cli.RunAsync("positions", "import", "mine.json", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, (int)result.Json["imported"]!);
        var skipped = result.Json["skipped"]!.AsArray().Select(s => ((int)s!["line"]!, (string)s["message"]!)).ToList();
        Assert.Equal([3, 4, 5], skipped.Select(s => s.Item1));
        Assert.Contains("entry_price is given twice", skipped[0].Item2, StringComparison.Ordinal);
        Assert.Contains("leverage is not a finite number", skipped[1].Item2, StringComparison.Ordinal);
        Assert.Contains("is not an object", skipped[2].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_ledger_with_an_absurd_duration_a_nul_and_a_date_out_of_range_keeps_its_good_lines()
    {
        await File.WriteAllLinesAsync(_folder.File("price_ledger.json"),
        [
            """{"timestamp": "2026-11-24T11:00:00Z", "status": "Success", "metadata": {}, "duration_ms": 120}""",
            """{"timestamp": "2026-11-24T11:01:00Z", "status": "Success", "metadata": {}, "duration_ms": -5e300}""",
            """{"timestamp": "2026-11-24T11:02:00Z", "status": "Success", "metadata": {"note": "a\u0000b"}}""",
            """{"timestamp": "0001-01-01T00:00:00+14:00", "status": "Success", "metadata": {}}""",
            """{"timestamp": "2026-11-24T11:03:00Z", "status": "Success", "metadata": {}, "duration_ms": "abc"}""",
            """{"timestamp": "2026-11-24T11:04:00Z", "status": "error", "metadata": {}, "duration_ms": "90.5"}""",
        ]);

        var result = await _cli.RunAsync("ledger", "import-json", "price_ledger.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 imported, 0 already present, 4 malformed", result.Out, StringComparison.Ordinal);
        Assert.Contains("price_ledger.json:2: skipped: duration_ms must be a number of milliseconds, not negative, got -5e300", result.Error, StringComparison.Ordinal);
        Assert.Contains("price_ledger.json:3: skipped: holds a NUL character", result.Error, StringComparison.Ordinal);
        Assert.Contains("price_ledger.json:4: skipped:", result.Error, StringComparison.Ordinal);
        Assert.Contains("price_ledger.json:5: skipped: duration_ms must be a number", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        var rows = (await _cli.RunAsync("ledger", "--monitor", "price_monitor", "--json")).Json["entries"]!.AsArray();
        Assert.Equal([90.5, 120], rows.Select(r => (double)r!["duration_ms"]!));
    }
}
