using MonitorCore.Data;

namespace MonitorCore.Cli.Tests;

/// <summary>The foundation's acceptance list, run on SQLite and on PostgreSQL.</summary>
public abstract class AcceptanceTests(ITestDatabaseFactory factory) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private TestDatabase _database = null!;
    private LocalHttpServer _target = null!;
    private FakeMarketServer _market = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    protected Cli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await factory.CreateAsync();
        _target = await LocalHttpServer.StartAsync(200, "{\"ok\":true}");
        _market = await FakeMarketServer.StartAsync();
        Cli = new Cli(_folder.Path, Time);
        Cli.Environment["MONITORCORE_DB"] = _database.Connection;
        foreach (var (key, value) in _market.Configuration())
        {
            Cli.Environment["MONITORCORE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        UseTargets(("local", _target.Url("/ping")));
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _market.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    protected void UseTargets(params (string Name, string Url)[] targets) => Cli.WriteConfig(new
    {
        Monitors = new { latency_monitor = new { Targets = targets.Select(t => new { t.Name, t.Url }).ToArray() } },
    });

    [Fact]
    public async Task List_names_the_latency_monitor()
    {
        Assert.Equal(0, (await Cli.RunAsync("db", "migrate")).ExitCode); // a command that only reads never creates the schema
        var result = await Cli.RunAsync("list", "--json");
        Assert.Equal(0, result.ExitCode);
        var monitor = Assert.Single(result.Json["monitors"]!.AsArray(), m => (string?)m!["name"] == "latency_monitor");
        Assert.Equal(300, (double?)monitor!["interval_seconds"]);
    }

    [Fact]
    public async Task Run_writes_one_row_prints_it_and_status_then_shows_healthy_with_its_age()
    {
        var run = await Cli.RunAsync("run", "latency_monitor", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("latency_monitor", (string?)run.Json["monitor_name"]);
        Assert.Equal("Success", (string?)run.Json["status"]);
        Assert.Equal("200", (string?)run.Json["metadata"]!["targets"]!["local"]!["status"]);
        Assert.NotNull(run.Json["duration_ms"]);

        var ledger = await Cli.RunAsync("ledger", "--json");
        var row = Assert.Single(ledger.Json["entries"]!.AsArray());
        Assert.Equal((long?)run.Json["id"], (long?)row!["id"]);

        Time.Advance(TimeSpan.FromSeconds(42));
        var status = await Cli.RunAsync("status", "--json");
        Assert.Equal(0, status.ExitCode);
        var latency = Assert.Single(status.Json["monitors"]!.AsArray(), m => (string?)m!["name"] == "latency_monitor");
        Assert.Equal("Healthy", (string?)latency!["health"]);
        Assert.Equal(42, (double?)latency["age_seconds"]);
        Assert.Equal("Success", (string?)latency["last_status"]);
    }

    [Fact]
    public async Task A_target_that_refuses_connections_gives_an_error_row_and_exit_1()
    {
        UseTargets(("dead", LocalHttpServer.RefusedUrl()));

        var run = await Cli.RunAsync("run", "latency_monitor", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error", (string?)run.Json["status"]);
        var status = await Cli.RunAsync("status", "--json");
        Assert.Equal("Error", (string?)status.Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "latency_monitor")!["health"]);
        Assert.Single((await Cli.RunAsync("ledger", "--monitor", "latency_monitor", "--json")).Json["entries"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_monitor_exits_2_and_lists_the_known_ones()
    {
        var run = await Cli.RunAsync("run", "nope");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown monitor 'nope'", run.Error, StringComparison.Ordinal);
        Assert.Contains("latency_monitor", run.Error, StringComparison.Ordinal);
        Assert.Empty((await Cli.RunAsync("ledger", "--json")).Json["entries"]!.AsArray());
    }

    [Fact]
    public async Task Run_all_runs_every_monitor_and_prints_each_row()
    {
        var run = await Cli.RunAsync("run", "all", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            // market_monitor: the first prices are no history yet, so no window can be measured (Warning).
            [
                ("price_monitor", "Success"), ("position_monitor", "Skipped"), ("profit_monitor", "Success"), ("risk_monitor", "Disabled"),
                ("liquid_monitor", "Success"), ("market_monitor", "Warning"), ("operations_monitor", "Success"), ("latency_monitor", "Success"),
                ("xcom_monitor", "Warning"), ("twilio_monitor", "Skipped"), // no e-mail and no Twilio configured
            ],
            run.Json["runs"]!.AsArray().Select(r => ((string)r!["monitor_name"]!, (string)r["status"]!)));

        var text = await Cli.RunAsync("run", "all");
        var lines = text.Out.TrimEnd().Split('\n');
        Assert.Equal(11, lines.Length); // one line per run, and the counts
        Assert.Matches(@"^operations_monitor +Success +\d+ ms", lines[6]);
        Assert.Matches(@"^latency_monitor +Success +\d+ ms", lines[7]);
        Assert.Matches(@"^position_monitor +Skipped +\d+ ms  no active wallets", lines[1]);
        Assert.Equal("10 runs: 5 Success, 2 Warning, 2 Skipped, 1 Disabled. 'monitorcore ledger' or --json shows each run's metadata.", lines[10]);
        Assert.DoesNotContain("{", text.Out, StringComparison.Ordinal);
        Assert.Contains("latency_monitor: Success in", (await Cli.RunAsync("run", "latency_monitor")).Out, StringComparison.Ordinal); // one run: its metadata too
    }

    [Fact]
    public async Task Ledger_import_json_imports_once_and_reports_malformed_lines()
    {
        var legacy = Fixtures.PathOf("legacy_ledgers");

        var first = await Cli.RunAsync("ledger", "import-json", legacy, "--json");
        Assert.Equal(0, first.ExitCode);
        var files = first.Json["files"]!.AsArray();
        Assert.Equal(3, files.Count);
        var imported = files.Sum(f => (int)f!["imported"]!);
        Assert.Equal(6, imported);
        var position = files.Single(f => ((string)f!["file"]!).EndsWith("position_ledger.json", StringComparison.Ordinal))!;
        Assert.Equal([2, 5, 6], position["malformed"]!.AsArray().Select(m => (int)m!["line"]!));

        var second = await Cli.RunAsync("ledger", "import-json", legacy);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 imported, 2 already present, 3 malformed", second.Out, StringComparison.Ordinal);
        Assert.Contains($"note: {imported} of these rows are older than 90 days (Ledger:RetentionDays): retention will delete them", second.Out, StringComparison.Ordinal);
        Assert.Contains("position_ledger.json:5: skipped", second.Error, StringComparison.Ordinal);

        var all = await Cli.RunAsync("ledger", "--limit", "100", "--json");
        Assert.Equal(imported, all.Json["entries"]!.AsArray().Count);
        var price = await Cli.RunAsync("ledger", "--monitor", "price_monitor", "--json");
        Assert.Equal(3, price.Json["entries"]!.AsArray().Count);
    }

    [Fact]
    public async Task Ledger_daily_reads_pruned_days_from_their_rollups_with_the_kept_rows_and_import_names_what_retention_will_prune()
    {
        var import = await Cli.RunAsync("ledger", "import-json", Fixtures.PathOf("legacy_ledgers"), "--json");
        Assert.Equal(0, import.ExitCode);
        Assert.Equal((6, 90), ((int)import.Json["older_than_retention"]!, (int)import.Json["retention_days"]!));
        Assert.Equal(0, (await Cli.RunAsync("run", "latency_monitor")).ExitCode);

        // The service's retention, on the same database and clock: the legacy rows go, their daily counts stay.
        await using (var service = await TestHost.StartAsync(new Dictionary<string, string?> { ["Database:Connection"] = _database.Connection }, Time))
        {
            Assert.Equal(6, await service.Get<Hosting.Scheduling.Retention>().PruneIfDueAsync(default));
        }

        Assert.Single((await Cli.RunAsync("ledger", "--limit", "100", "--json")).Json["entries"]!.AsArray());
        var daily = await Cli.RunAsync("ledger", "--daily", "--days", "500");
        Assert.Equal(0, daily.ExitCode);
        Assert.Matches(@"DAY\s+MONITOR\s+RUNS\s+SUCCESS\s+WARNING\s+ERROR\s+SKIPPED\s+DISABLED\s+MIN\s+AVG\s+MAX", daily.Out);
        Assert.Matches(@"2025-07-20\s+position_monitor\s+2\s+1\s+0\s+1\s+0\s+0\s", daily.Out);
        Assert.Matches(@"2025-07-20\s+price_monitor\s+3\s+2\s+0\s+1\s+0\s+0\s", daily.Out);
        Assert.Matches(@"2025-07-21\s+liquid_monitor\s+1\s+1\s", daily.Out);
        Assert.Matches(@"2026-11-24\s+latency_monitor\s+1\s+1\s+0\s+0\s+0\s+0\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ ms", daily.Out);

        var month = (await Cli.RunAsync("ledger", "--daily", "--json")).Json; // 30 days by default: the pruned days are older
        Assert.Equal(30, (int)month["days"]!);
        var today = Assert.Single(month["rows"]!.AsArray())!;
        Assert.Equal(("2026-11-24", "latency_monitor", 1L), ((string?)today["day"], (string?)today["monitor"], (long)today["runs"]!));
        Assert.NotNull(today["avg_ms"]);

        Assert.Equal(0, (await Cli.RunAsync("ledger", "import-json", Fixtures.PathOf("legacy_ledgers"))).ExitCode); // pruned rows are not imported twice
        Assert.Matches(@"2025-07-20\s+price_monitor\s+3\s", (await Cli.RunAsync("ledger", "--daily", "--days", "500")).Out);
    }

    [Fact]
    public async Task Db_migrate_reports_the_schema_version()
    {
        var latest = Data.Migrations.MigrationRunner.Load("sqlite").Count;
        var first = await Cli.RunAsync("db", "migrate", "--json");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(latest, (int?)first.Json["schema_version"]);
        Assert.Equal(latest, first.Json["applied"]!.AsArray().Count);

        var again = await Cli.RunAsync("db", "migrate");
        Assert.Contains($"is at schema version {latest} of {latest}", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", again.Out, StringComparison.Ordinal);
    }
}

public sealed class SqliteAcceptanceTests() : AcceptanceTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresAcceptanceTests(PostgresFixture postgres) : AcceptanceTests(new PostgresDatabaseFactory(postgres));
