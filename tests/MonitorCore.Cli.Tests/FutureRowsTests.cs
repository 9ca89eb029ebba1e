namespace MonitorCore.Cli.Tests;

/// <summary>A ledger row dated in the future never takes over a monitor's health.</summary>
public sealed class FutureRowsTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public FutureRowsTests()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Name"] = "dead";
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Url"] = LocalHttpServer.RefusedUrl();
    }

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_legacy_row_dated_2099_is_refused_by_line_and_a_real_error_shows()
    {
        await File.WriteAllLinesAsync(_folder.File("latency_ledger.json"),
        [
            """{"timestamp": "2026-11-24T11:00:00Z", "status": "Success", "metadata": {}}""",
            """{"timestamp": "2099-01-01T00:00:00Z", "status": "Success", "metadata": {}}""",
            """{"timestamp": "2026-11-24T12:04:00Z", "status": "Success", "metadata": {}}""",
        ]);

        var import = await _cli.RunAsync("ledger", "import-json", "latency_ledger.json");

        Assert.Contains("2 imported, 0 already present, 1 malformed", import.Out, StringComparison.Ordinal);
        Assert.Contains("latency_ledger.json:2: skipped: dated 2099-01-01", import.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await _cli.RunAsync("run", "latency_monitor")).ExitCode);
        var status = await _cli.RunAsync("status", "--json");
        Assert.Equal("Error", (string?)status.Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "latency_monitor")!["health"]);
    }
}
