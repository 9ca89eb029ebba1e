using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;

namespace MonitorCore.Data.Tests;

public sealed class SqliteCorruptionTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 30, 5, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private async Task<(Database Database, DatabaseInitReport Report)> OpenAsync(string path)
    {
        var database = Database.Create(DatabaseLocation.Parse(path, _folder.Path));
        var report = await new DatabaseInitializer(database, new DatabaseOptions(), _time).InitializeAsync(default);
        return (database, report);
    }

    [Fact]
    public async Task A_file_full_of_garbage_is_moved_aside_and_a_fresh_database_is_created()
    {
        var path = _folder.File("data/monitorcore.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);
        await File.WriteAllTextAsync(path + "-wal", "stale wal");

        var (database, report) = await OpenAsync(path);
        await using (database)
        {
            var aside = path + ".corrupt-20261124T123005Z";
            var message = Assert.Single(report.Messages);
            Assert.Contains(aside, message, StringComparison.Ordinal);
            Assert.Contains("nothing was deleted", message, StringComparison.Ordinal);
            Assert.Equal(garbage, await File.ReadAllBytesAsync(aside));
            Assert.Equal("stale wal", await File.ReadAllTextAsync(aside + "-wal"));

            var ledger = new MonitorLedgerRepository(database);
            Assert.Equal(0, await ledger.CountAsync(null, default));
        }
    }

    [Fact]
    public async Task A_second_corrupt_file_in_the_same_second_does_not_overwrite_the_first()
    {
        var path = _folder.File("monitorcore.db");
        await File.WriteAllTextAsync(path, "first garbage, long enough to not be an empty database file at all......");
        var (first, _) = await OpenAsync(path);
        await first.DisposeAsync();
        DatabaseInitializer.ReleaseSqliteFiles();

        await File.WriteAllTextAsync(path, "second garbage, long enough to not be an empty database file at all.....");
        var (second, report) = await OpenAsync(path);
        await second.DisposeAsync();

        Assert.Contains(".corrupt-20261124T123005Z-1", Assert.Single(report.Messages), StringComparison.Ordinal);
        Assert.StartsWith("first", await File.ReadAllTextAsync(path + ".corrupt-20261124T123005Z"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_good_header_but_damaged_pages_fails_the_integrity_check_and_is_moved_aside()
    {
        var path = _folder.File("monitorcore.db");
        var (database, _) = await OpenAsync(path);
        await using (database)
        {
            var rows = Enumerable.Range(0, 2000).Select(i => new LedgerEntry(
                0, "a_monitor", _time.GetUtcNow().AddSeconds(i), Monitoring.MonitorStatus.Success, new() { ["i"] = i }, 1, null)).ToList();
            await new MonitorLedgerRepository(database).AppendBatchAsync(rows, default);
        }

        DatabaseInitializer.ReleaseSqliteFiles();
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 * 3;
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 4096 * 4).ToArray());
        }

        var (again, report) = await OpenAsync(path);
        await using (again)
        {
            Assert.Contains("moved aside", Assert.Single(report.Messages), StringComparison.Ordinal);
            Assert.Equal(0, await new MonitorLedgerRepository(again).CountAsync(null, default));
        }
    }

    [Fact]
    public async Task A_healthy_file_is_left_alone_and_keeps_its_rows()
    {
        var path = _folder.File("monitorcore.db");
        var (database, _) = await OpenAsync(path);
        await using (database)
        {
            await new MonitorLedgerRepository(database).AppendAsync(
                new LedgerEntry(0, "a_monitor", _time.GetUtcNow(), Monitoring.MonitorStatus.Success, [], 1, null), default);
        }

        var (again, report) = await OpenAsync(path);
        await using (again)
        {
            Assert.Empty(report.Messages);
            Assert.Empty(report.Migrations.Applied);
            Assert.Equal(1, await new MonitorLedgerRepository(again).CountAsync(null, default));
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, "*.corrupt-*"));
    }
}
