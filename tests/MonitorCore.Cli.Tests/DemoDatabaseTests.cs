using MonitorCore.Data;

namespace MonitorCore.Cli.Tests;

/// <summary>The demo market keeps to a database of its own; live data and demo data never meet (docs/behaviour.md §8).</summary>
public sealed class DemoDatabaseTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public DemoDatabaseTests()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Name"] = "dead";
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Url"] = LocalHttpServer.RefusedUrl();
    }

    public void Dispose()
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Demo_runs_use_data_demo_db_and_leave_the_live_database_without_demo_positions_or_alerts()
    {
        Assert.Equal(0, (await _cli.RunAsync("run", "all", "--demo")).ExitCode);

        Assert.True(File.Exists(_folder.File("data/demo.db")));
        Assert.False(File.Exists(_folder.File("data/monitorcore.db")));
        Assert.Equal(3, (await _cli.RunAsync("positions", "--demo", "--json")).Json["positions"]!.AsArray().Count);

        await _cli.RunAsync("run", "all"); // live: the sources are offline, so runs fail, and nothing of the demo's shows up
        Assert.Empty((await _cli.RunAsync("positions", "--json")).Json["positions"]!.AsArray());
        Assert.Empty((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());
        Assert.Empty((await _cli.RunAsync("wallets", "--json")).Json["wallets"]!.AsArray());
        Assert.Equal("live", (string?)(await _cli.RunAsync("status", "--json")).Json["mode"]);

        var config = (await _cli.RunAsync("config", "show", "--demo", "--json")).Json["settings"]!.AsArray()
            .Single(s => (string?)s!["key"] == "Database:Connection")!;
        Assert.Equal(_folder.File("data/demo.db"), (string?)config["value"]);
        Assert.Equal("default (demo mode)", (string?)config["source"]);
    }

    [Fact]
    public async Task A_database_holding_live_data_refuses_a_demo_run_untouched()
    {
        await File.WriteAllTextAsync(_folder.File("mine.csv"), "id,asset_type,position_type,entry_price,liquidation_price,size,collateral\nP1,SOL,LONG,180,150,1000,100\n");
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv", "--db", "live.db")).ExitCode);
        var before = Tables("live.db");

        var demo = await _cli.RunAsync("run", "all", "--demo", "--db", "live.db");

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("holds live data", demo.Error, StringComparison.Ordinal);
        Assert.Contains("./data/demo.db", demo.Error, StringComparison.Ordinal);
        Assert.Empty(demo.Out);
        Assert.Equal(before, Tables("live.db"));
        Assert.Equal(2, (await _cli.RunAsync("thresholds", "set", "Profit", "Position", "--low", "1", "--medium", "2", "--high", "3", "--demo", "--db", "live.db")).ExitCode);
        Assert.Equal(before, Tables("live.db"));
    }

    [Fact]
    public async Task A_demo_database_refuses_live_runs_and_its_status_says_demo_without_the_flag()
    {
        Assert.Equal(0, (await _cli.RunAsync("run", "price_monitor", "--demo")).ExitCode);
        var before = Tables("data/demo.db");

        var live = await _cli.RunAsync("run", "all", "--db", "data/demo.db");

        Assert.Equal(2, live.ExitCode);
        Assert.Contains("holds demo data", live.Error, StringComparison.Ordinal);
        Assert.Equal(before, Tables("data/demo.db"));

        // The label is the data's: a reader without --demo still sees demo data as demo, and --demo on live data does not make it demo.
        Assert.Equal("demo", (string?)(await _cli.RunAsync("status", "--db", "data/demo.db", "--json")).Json["mode"]);
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--db", "live.db")).ExitCode);
        Assert.Equal("live", (string?)(await _cli.RunAsync("status", "--demo", "--db", "live.db", "--json")).Json["mode"]);
    }

    [Fact]
    public async Task A_database_made_before_the_marker_is_judged_by_the_sources_of_its_rows()
    {
        // The database: demo runs wrote into the default database, next to live prices.
        Assert.Equal(0, (await _cli.RunAsync("run", "price_monitor", "--demo", "--db", "data/monitorcore.db")).ExitCode);
        Execute("data/monitorcore.db",
            "DELETE FROM system_vars WHERE key = 'data_mode'; " +
            "INSERT INTO prices (asset_type, current_price, source, last_update_time) VALUES ('BTC', 97000, 'coingecko', '2026-11-24T11:00:00.000000+00:00')");

        var demo = await _cli.RunAsync("run", "price_monitor", "--demo", "--db", "data/monitorcore.db");

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("holds live data", demo.Error, StringComparison.Ordinal);
        Assert.Equal("live", (string?)(await _cli.RunAsync("status", "--json")).Json["mode"]);
    }

    private string Tables(string file) => SqliteRows.Of(_folder.File(file));

    private void Execute(string file, string sql) => SqliteRows.Execute(_folder.File(file), sql);
}
