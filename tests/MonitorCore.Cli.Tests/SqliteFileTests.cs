using MonitorCore.Data;
using MonitorCore.Data.Migrations;

namespace MonitorCore.Cli.Tests;

/// <summary>The SQLite file's life: created, deleted and recreated, upgraded, found corrupt.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public SqliteFileTests()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.WriteConfig(new { Monitors = new { latency_monitor = new { Targets = new[] { new { Name = "dead", Url = LocalHttpServer.RefusedUrl() } } } } });
    }

    private string DefaultDb => _folder.File("data/monitorcore.db");

    public void Dispose()
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_default_database_is_created_under_data_by_a_command_that_writes_and_a_read_only_command_after_deletion_creates_nothing()
    {
        Assert.Equal(1, (await _cli.RunAsync("run", "latency_monitor")).ExitCode);
        Assert.True(File.Exists(DefaultDb));

        DatabaseInitializer.ReleaseSqliteFiles();
        foreach (var file in Directory.GetFiles(_folder.File("data")))
        {
            File.Delete(file);
        }

        var status = await _cli.RunAsync("status", "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("Offline", (string?)status.Json["monitors"]![0]!["health"]);
        Assert.Contains("There is no Monitor Core database at " + DefaultDb + " yet", status.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.File("data")));

        Assert.Equal(1, (await _cli.RunAsync("run", "latency_monitor")).ExitCode);
        Assert.True(File.Exists(DefaultDb));
    }

    [Fact]
    public async Task A_file_without_a_sqlite_header_is_refused_untouched_by_every_command_even_db_migrate()
    {
        Directory.CreateDirectory(_folder.File("data"));
        await File.WriteAllTextAsync(DefaultDb, new string('x', 5000));

        foreach (var args in new[] { ["status"], ["run", "latency_monitor"], new[] { "db", "migrate" } })
        {
            var result = await _cli.RunAsync(args);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(DefaultDb + " is not a SQLite database (no SQLite header)", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(new string('x', 5000), await File.ReadAllTextAsync(DefaultDb));
        Assert.Equal([DefaultDb], Directory.GetFiles(_folder.File("data")));
    }

    [Fact]
    public async Task Db_migrate_checks_every_page_and_moves_a_damaged_file_aside()
    {
        Assert.Equal(0, (await _cli.RunAsync("ledger", "import-json", Fixtures.PathOf("legacy_ledgers"))).ExitCode);
        for (var i = 0; i < 30; i++)
        {
            await _cli.RunAsync("ledger", "import-json", Fixtures.PathOf("legacy_ledgers"));
            await _cli.RunAsync("timers", "set", "latency_monitor", (60 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await _cli.RunAsync("run", "latency_monitor");
        DatabaseInitializer.ReleaseSqliteFiles();
        var pages = new FileInfo(DefaultDb).Length / 4096;
        await using (var file = new FileStream(DefaultDb, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 * (pages - 2);
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 4096 * 2).ToArray());
        }

        var migrate = await _cli.RunAsync("db", "migrate");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("moved aside", migrate.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_folder.File("data"), "monitorcore.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sqlite_file_whose_schema_cannot_be_read_is_left_in_place_by_other_commands_and_moved_aside_by_db_migrate()
    {
        Directory.CreateDirectory(_folder.File("data"));
        var damaged = "SQLite format 3\0"u8.ToArray().Concat(Enumerable.Repeat((byte)0xA5, 8192)).ToArray();
        await File.WriteAllBytesAsync(DefaultDb, damaged);

        foreach (var args in new[] { ["status"], ["ledger"], new[] { "run", "latency_monitor" } })
        {
            var refused = await _cli.RunAsync(args);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains(DefaultDb + " is damaged", refused.Error, StringComparison.Ordinal);
            Assert.Contains("'monitorcore db migrate'", refused.Error, StringComparison.Ordinal);
        }

        Assert.Equal(damaged, await File.ReadAllBytesAsync(DefaultDb));
        var migrate = await _cli.RunAsync("db", "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("moved aside to " + DefaultDb + ".corrupt-20261124T120000Z", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(DefaultDb + ".corrupt-20261124T120000Z"));
    }

    [Fact]
    public async Task A_text_file_named_by_db_is_refused_untouched_and_never_renamed()
    {
        await File.WriteAllTextAsync(_folder.File("notes.txt"), "buy low, sell high\n");

        foreach (var args in new[] { ["status"], ["positions"], ["run", "all"], ["db", "migrate"], new[] { "serve", "--no-api" } })
        {
            var result = await _cli.RunAsync([.. args, "--db", "notes.txt"]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("notes.txt is not a SQLite database", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal("buy low, sell high\n", await File.ReadAllTextAsync(_folder.File("notes.txt")));
        Assert.Equal([_folder.File("notes.txt")], Directory.GetFiles(_folder.Path).Where(f => !f.EndsWith("monitorcore.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_sqlite_database_of_another_application_is_refused_untouched()
    {
        var other = _folder.File("other-app.sqlite");
        SqliteRows.Execute(other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')");
        var before = SqliteRows.Of(other);

        foreach (var args in new[] { ["status"], ["ledger"], ["thresholds", "set", "Profit", "Position", "--low", "1", "--medium", "2", "--high", "3"], new[] { "db", "migrate" } })
        {
            var result = await _cli.RunAsync([.. args, "--db", "other-app.sqlite"]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("is a SQLite database of another application (tables notes)", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, SqliteRows.Of(other));
    }

    [Fact]
    public async Task Read_only_commands_on_a_fresh_folder_create_no_database_and_no_folder()
    {
        string[][] reads =
        [
            ["status"], ["ledger"], ["positions"], ["alerts"], ["alerts", "snoozes"], ["list"], ["settings"], ["thresholds"],
            ["wallets"], ["prices"], ["notifications"], ["timers"], ["config", "show"],
        ];
        foreach (var args in reads)
        {
            var result = await _cli.RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Error}");
        }

        Assert.False(Directory.Exists(_folder.File("data")));
        Assert.Equal(5, (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray().Count); // what a new database holds
    }

    [Fact]
    public async Task A_database_at_an_older_schema_is_upgraded_with_a_notice_and_its_rows_kept()
    {
        Directory.CreateDirectory(_folder.File("data"));
        await using (var database = Database.Create(DatabaseLocation.Parse(DefaultDb, _folder.Path)))
        {
            await new MigrationRunner(database, TimeProvider.System).MigrateAsync(1, default);
            await using var connection = await database.OpenAsync(default);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO monitor_ledger (monitor_name, timestamp, status, metadata) VALUES ('latency_monitor', '2026-11-24T11:59:00.000000+00:00', 'Warning', '{}')";
            await insert.ExecuteNonQueryAsync();
        }

        var before = SqliteRows.Of(DefaultDb);
        var read = await _cli.RunAsync("status");
        Assert.Equal(2, read.ExitCode);
        Assert.Contains("is at schema version 1 and this build reads version", read.Error, StringComparison.Ordinal);
        Assert.Contains("'monitorcore db migrate'", read.Error, StringComparison.Ordinal);
        Assert.Equal(before, SqliteRows.Of(DefaultDb));

        var write = await _cli.RunAsync("thresholds", "set", "Profit", "Position", "--low", "10", "--medium", "25", "--high", "50");
        Assert.Contains($"upgraded from schema version 1 to {MigrationRunner.Load("sqlite").Count}", write.Error, StringComparison.Ordinal);
        var status = await _cli.RunAsync("status");
        Assert.Contains("Warning", status.Out, StringComparison.Ordinal);
        Assert.Contains("60 s", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_points_at_another_file()
    {
        var result = await _cli.RunAsync("db", "migrate", "--db", "elsewhere/mc.db");
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(_folder.File("elsewhere/mc.db")));
        Assert.Contains("applied 0001_ledger_and_heartbeat", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultDb));
    }

    [Fact]
    public async Task An_unreachable_postgres_server_is_reported_without_a_stack_trace()
    {
        var result = await _cli.RunAsync("status", "--db", $"Host=127.0.0.1;Port={LoopbackPorts.Refused};Username=x;Password=hunter2;Timeout=2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not be used", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
