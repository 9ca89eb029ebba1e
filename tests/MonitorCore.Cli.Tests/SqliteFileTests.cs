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
    public async Task The_default_database_is_created_under_data_and_recreated_after_deletion()
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
        Assert.True(File.Exists(DefaultDb));
        Assert.Equal("Offline", (string?)status.Json["monitors"]![0]!["health"]);
    }

    [Fact]
    public async Task A_garbage_file_is_moved_aside_the_user_is_told_and_a_fresh_database_is_made()
    {
        Directory.CreateDirectory(_folder.File("data"));
        await File.WriteAllTextAsync(DefaultDb, new string('x', 5000));

        var result = await _cli.RunAsync("status");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("moved aside to " + DefaultDb + ".corrupt-20261124T120000Z", result.Error, StringComparison.Ordinal);
        Assert.Equal(new string('x', 5000), await File.ReadAllTextAsync(DefaultDb + ".corrupt-20261124T120000Z"));
        Assert.Contains("latency_monitor", result.Out, StringComparison.Ordinal);
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
        Assert.Single(Directory.GetFiles(_folder.File("data"), "monitorcore.db.corrupt-*"));
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

        var status = await _cli.RunAsync("status");

        Assert.Contains($"upgraded from schema version 1 to {MigrationRunner.Load("sqlite").Count}", status.Error, StringComparison.Ordinal);
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
