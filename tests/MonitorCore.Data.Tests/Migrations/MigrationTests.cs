using MonitorCore.Data.Migrations;
using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;

namespace MonitorCore.Data.Tests.Migrations;

public abstract class MigrationTests(ITestDatabaseFactory factory) : IAsyncLifetime
{
    private TestDatabase _test = null!;
    private Database _database = null!;
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _test = await factory.CreateAsync();
        _database = Database.Create(_test.Location);
        if (_test.Location.FilePath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    [Fact]
    public async Task A_new_database_gets_every_migration_and_a_rerun_changes_nothing()
    {
        var runner = new MigrationRunner(_database, Time);
        var first = await runner.MigrateAsync(null, default);
        Assert.Equal(0, first.FromVersion);
        Assert.Equal(runner.LatestVersion, first.ToVersion);
        Assert.Equal(runner.Migrations.Count, first.Applied.Count);

        var second = await runner.MigrateAsync(null, default);
        Assert.Empty(second.Applied);
        Assert.Equal(runner.LatestVersion, await runner.CurrentVersionAsync(default));
    }

    [Fact]
    public async Task A_database_made_by_an_older_migration_is_upgraded_in_place_with_its_rows_kept()
    {
        var runner = new MigrationRunner(_database, Time);
        await runner.MigrateAsync(targetVersion: 1, default);
        Assert.Equal(1, await runner.CurrentVersionAsync(default));

        // Rows written by a version-1 build, in the version-1 shape.
        await using (var connection = await _database.OpenAsync(default))
        {
            for (var i = 0; i < 3; i++)
            {
                await using var insert = connection.Command(
                    "INSERT INTO monitor_ledger (monitor_name, timestamp, status, metadata, duration_ms) VALUES ('price_monitor', @t, 'Success', @m, 5)");
                insert.Add("@t", _database.ToDb(Time.GetUtcNow().AddMinutes(i)));
                _database.AddJson(insert, "@m", $$"""{"i": {{i}}}""");
                await insert.ExecuteNonQueryAsync();
            }
        }

        var report = await runner.MigrateAsync(null, default);
        Assert.Equal(1, report.FromVersion);
        Assert.Equal(Enumerable.Range(2, runner.LatestVersion - 1), report.Applied.Select(m => m.Version));

        var ledger = new MonitorLedgerRepository(_database);
        var rows = await ledger.QueryAsync(new LedgerQuery("price_monitor"), default);
        Assert.Equal([2, 1, 0], rows.Select(r => (int)r.Metadata["i"]!));
        Assert.Equal(1, await ledger.ImportAsync([new ImportedLedgerEntry(rows[0] with { Id = 0 }, "k")], default));
        Assert.Equal(5, (await new AlertThresholdRepository(_database).ListAsync(default)).Count);
    }

    [Fact]
    public async Task A_database_newer_than_this_build_is_left_untouched()
    {
        var runner = new MigrationRunner(_database, Time);
        await runner.MigrateAsync(null, default);
        await using (var connection = await _database.OpenAsync(default))
        await using (var insert = connection.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<SchemaTooNewException>(() => runner.MigrateAsync(null, default));
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_script_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var database = Database.Create(_test.Location);
            return await new MigrationRunner(database, Time).MigrateAsync(null, default);
        })));

        var runner = new MigrationRunner(_database, Time);
        Assert.Equal(runner.Migrations.Count, runs.Sum(r => r.Applied.Count));
        Assert.Equal(runner.LatestVersion, await runner.CurrentVersionAsync(default));
    }

    [Fact]
    public void Both_dialects_have_the_same_numbered_scripts()
    {
        var sqlite = MigrationRunner.Load("sqlite").Select(m => (m.Version, m.Name));
        var postgres = MigrationRunner.Load("postgres").Select(m => (m.Version, m.Name));
        Assert.Equal(sqlite, postgres);
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMigrationTests(PostgresFixture postgres) : MigrationTests(new PostgresDatabaseFactory(postgres));
