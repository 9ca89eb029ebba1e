namespace MonitorCore.Cli.Tests;

/// <summary><c>positions close</c> and <c>positions import --replace</c>: a position from a file can be closed.</summary>
public sealed class PositionsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public PositionsCommandTests()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        File.WriteAllText(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
            near,SOL,LONG,182.5,174.3,1500,115,181
            safe,ETH,LONG,3300,2750,2000,340,3400
            """);
    }

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private async Task<string?> StatusOfAsync(string id) =>
        (string?)(await _cli.RunAsync("positions", "--status", "all", "--json")).Json["positions"]!.AsArray().Single(p => (string?)p!["id"] == id)!["status"];

    [Fact]
    public async Task Close_closes_a_position_and_its_alert_resolves_at_the_next_run()
    {
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        await _cli.RunAsync("run", "liquid_monitor");
        Assert.Single((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());

        var close = await _cli.RunAsync("positions", "close", "near");

        Assert.Equal(0, close.ExitCode);
        Assert.Contains("Position near (SOL LONG) closed; it was ACTIVE", close.Out, StringComparison.Ordinal);
        Assert.Equal("CLOSED", await StatusOfAsync("near"));
        await _cli.RunAsync("run", "liquid_monitor");
        Assert.Empty((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());

        var missing = await _cli.RunAsync("positions", "close", "naer");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("did you mean near?", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_replace_closes_the_file_positions_the_file_no_longer_holds()
    {
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        await File.WriteAllTextAsync(_folder.File("now.csv"), "id,asset_type,position_type,entry_price,liquidation_price,size,collateral\nsafe,ETH,LONG,3300,2750,2000,340\n");

        var replace = await _cli.RunAsync("positions", "import", "now.csv", "--replace");

        Assert.Equal(0, replace.ExitCode);
        Assert.Contains("1 positions imported, 0 rows skipped, 1 closed (not in the file): near.", replace.Out, StringComparison.Ordinal);
        Assert.Equal(("STALE_CLOSED", "ACTIVE"), (await StatusOfAsync("near"), await StatusOfAsync("safe")));

        await File.WriteAllTextAsync(_folder.File("broken.csv"), "id,asset_type,position_type,entry_price,liquidation_price,size,collateral\nsafe,ETH,LONG,3300,2750,2000,340\nx,ETH,SIDEWAYS,1,1,1,1\n");
        var broken = await _cli.RunAsync("positions", "import", "broken.csv", "--replace");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("line 3: position_type must be LONG or SHORT", broken.Error, StringComparison.Ordinal);
        Assert.Equal("ACTIVE", await StatusOfAsync("safe"));
    }
}
