namespace MonitorCore.Cli.Tests;

/// <summary>wallets, positions, prices and the demo market from the command line.</summary>
public sealed class MarketCommandTests : IAsyncLifetime
{
    private const string Address = "5Egu5iBD5TvXPR7i5QazQi6JT51LZrq8P3dYRcM3wHz6";
    private readonly TempDirectory _folder = new();
    private FakeMarketServer _market = null!;
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _market = await FakeMarketServer.StartAsync();
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        foreach (var (key, value) in _market.Configuration())
        {
            _cli.Environment["MONITORCORE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _cli.Environment["MONITORCORE_Sources__Resilience__RetryBaseDelay"] = "00:00:00";
    }

    public async Task DisposeAsync()
    {
        await _market.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Wallets_add_list_disable_and_enable()
    {
        Assert.Contains("No wallets", (await _cli.RunAsync("wallets")).Out, StringComparison.Ordinal);
        var add = await _cli.RunAsync("wallets", "add", "main", Address);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("Added wallet main", add.Out, StringComparison.Ordinal);

        var duplicate = await _cli.RunAsync("wallets", "add", "main", "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU");
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
        var bad = await _cli.RunAsync("wallets", "add", "other", "0xnotsolana");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a Solana address", bad.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("wallets", "disable", "main")).ExitCode);
        var list = await _cli.RunAsync("wallets", "list", "--json");
        Assert.False((bool)list.Json["wallets"]![0]!["enabled"]!);
        Assert.Contains("no", (await _cli.RunAsync("wallets")).Out, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("wallets", "enable", "main", "--json")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("wallets", "disable", "nobody")).ExitCode);
    }

    [Fact]
    public async Task Prices_and_positions_list_what_the_monitors_stored()
    {
        Assert.Contains("No prices stored yet", (await _cli.RunAsync("prices")).Out, StringComparison.Ordinal);
        Assert.Contains("No active positions", (await _cli.RunAsync("positions")).Out, StringComparison.Ordinal);
        await _cli.RunAsync("wallets", "add", "main", Address);

        var priceRun = await _cli.RunAsync("run", "price_monitor");
        Assert.True(priceRun.ExitCode == 0, priceRun.Out + priceRun.Error);
        Assert.Equal(0, (await _cli.RunAsync("run", "position_monitor")).ExitCode);

        var prices = await _cli.RunAsync("prices", "--json");
        Assert.Equal(["BTC", "ETH", "SOL", "SPX"], prices.Json["prices"]!.AsArray().Select(p => (string)p!["asset_type"]!));
        Assert.Contains("coingecko", (await _cli.RunAsync("prices")).Out, StringComparison.Ordinal);

        var positions = await _cli.RunAsync("positions", "--json");
        Assert.Equal(3, positions.Json["positions"]!.AsArray().Count);
        Assert.Equal(3, (int)positions.Json["totals"]!["count"]!);
        var sol = positions.Json["positions"]!.AsArray().Single(p => (string?)p!["asset_type"] == "SOL")!;
        Assert.Equal(187.42, (double)sol["current_price"]!);
        Assert.Equal("LONG", (string?)sol["position_type"]);
        var text = await _cli.RunAsync("positions");
        Assert.Contains("3 positions", text.Out, StringComparison.Ordinal);
        Assert.Contains("SOL", text.Out, StringComparison.Ordinal);
        Assert.Contains("No stale_closed positions", (await _cli.RunAsync("positions", "--status", "stale_closed")).Out, StringComparison.Ordinal);
        Assert.Equal(3, (await _cli.RunAsync("positions", "--status", "all", "--json")).Json["positions"]!.AsArray().Count);
        Assert.Equal(2, (await _cli.RunAsync("positions", "--status", "open")).ExitCode);
    }

    [Fact]
    public async Task Positions_import_keeps_good_rows_and_reports_bad_ones_by_line()
    {
        await File.WriteAllTextAsync(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral
            m1,SOL,LONG,182.5,151,1250,250
            m2,BTC,SHORT,nope,99980,5000,255
            m3,ETH,LONG,3390,2871,800,130
            """);

        var import = await _cli.RunAsync("positions", "import", "mine.csv");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("2 positions imported, 1 rows skipped", import.Out, StringComparison.Ordinal);
        Assert.Contains("mine.csv:3: skipped: entry_price must be a positive number, got 'nope'", import.Error, StringComparison.Ordinal);
        var positions = (await _cli.RunAsync("positions", "--json")).Json["positions"]!.AsArray();
        Assert.Equal(["m1", "m3"], positions.Select(p => (string)p!["id"]!));
        Assert.All(positions, p => Assert.Equal("file", (string?)p!["source"]));
        Assert.Equal(182.5, (double)positions[0]!["current_price"]!); // no price stored: the entry price

        var again = await _cli.RunAsync("positions", "import", "mine.csv", "--json");
        Assert.Equal(2, (int)again.Json["imported"]!);
        Assert.Equal(2, (await _cli.RunAsync("positions", "--json")).Json["positions"]!.AsArray().Count);

        await File.WriteAllTextAsync(_folder.File("bad.json"), "[1, 2]");
        Assert.Equal(1, (await _cli.RunAsync("positions", "import", "bad.json")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("positions", "import", "missing.json")).ExitCode);
    }

    [Fact]
    public async Task Run_all_in_demo_mode_does_real_work_in_every_monitor_without_the_network()
    {
        // Every real source points at a port nobody listens on: touching the network would fail.
        foreach (var source in new[] { "CoinGecko", "Yahoo", "Jupiter" })
        {
            _cli.Environment[$"MONITORCORE_Sources__{source}__BaseUrl"] = LocalHttpServer.RefusedUrl();
        }

        var run = await _cli.RunAsync("run", "all", "--demo", "--json");

        Assert.Equal(0, run.ExitCode);
        var runs = run.Json["runs"]!.AsArray().ToDictionary(r => (string)r!["monitor_name"]!, r => r!);
        // market_monitor measures moves over 1h / 6h / 24h: a fresh database has no history yet (Warning, saying so).
        var statuses = runs.ToDictionary(r => r.Key, r => (string?)r.Value["status"]);
        foreach (var monitor in new[] { "price_monitor", "position_monitor", "profit_monitor", "liquid_monitor", "operations_monitor", "latency_monitor" })
        {
            Assert.Equal("Success", statuses[monitor]);
        }

        Assert.Equal(("Warning", "Disabled", "Warning", "Skipped"), (statuses["market_monitor"], statuses["risk_monitor"], statuses["xcom_monitor"], statuses["twilio_monitor"]));
        Assert.Equal(4, runs["market_monitor"]["metadata"]!["anchors"]!.AsObject().Count);
        foreach (var monitor in new[] { "price_monitor", "position_monitor", "market_monitor", "latency_monitor" })
        {
            Assert.Equal("demo", (string?)runs[monitor]["metadata"]!["mode"]);
        }
        Assert.Equal(4, (int)runs["price_monitor"]["metadata"]!["fetched"]!);
        Assert.Equal(3, (int)runs["position_monitor"]["metadata"]!["imported"]!);
        Assert.Empty(_market.Requests);

        var prices = (await _cli.RunAsync("prices", "--demo", "--json")).Json["prices"]!.AsArray();
        Assert.All(prices, p => Assert.Equal("demo", (string?)p!["source"]));
        var positions = (await _cli.RunAsync("positions", "--demo", "--json")).Json["positions"]!.AsArray();
        Assert.Contains(positions, p => (double)p!["liquidation_distance_pct"]! < 12);
        Assert.Equal("demo", (string?)(await _cli.RunAsync("status", "--demo", "--json")).Json["mode"]);
    }
}
