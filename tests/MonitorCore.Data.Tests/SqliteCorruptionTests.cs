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
    public async Task A_file_without_a_sqlite_header_is_refused_and_left_untouched_with_its_wal()
    {
        var path = _folder.File("data/monitorcore.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);
        await File.WriteAllTextAsync(path + "-wal", "stale wal");

        var refused = await Assert.ThrowsAsync<DatabaseProblemException>(() => OpenAsync(path));

        Assert.True(refused.BadInput);
        Assert.Contains("is not a SQLite database (no SQLite header)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
        Assert.Equal("stale wal", await File.ReadAllTextAsync(path + "-wal"));
        Assert.Equal(2, Directory.GetFiles(_folder.File("data")).Length);
    }

    [Fact]
    public async Task A_sqlite_file_whose_pages_cannot_be_read_is_moved_aside_with_its_wal_and_a_fresh_database_is_created()
    {
        var path = _folder.File("data/monitorcore.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var damaged = Damaged(64 * 1024);
        await File.WriteAllBytesAsync(path, damaged);
        await File.WriteAllTextAsync(path + "-wal", "stale wal");

        var (database, report) = await OpenAsync(path);
        await using (database)
        {
            var aside = path + ".corrupt-20261124T123005Z";
            var message = Assert.Single(report.Messages);
            Assert.Contains(aside, message, StringComparison.Ordinal);
            Assert.Contains("nothing was deleted", message, StringComparison.Ordinal);
            Assert.Equal(damaged, await File.ReadAllBytesAsync(aside));
            Assert.Equal("stale wal", await File.ReadAllTextAsync(aside + "-wal"));

            var ledger = new MonitorLedgerRepository(database);
            Assert.Equal(0, await ledger.CountAsync(null, default));
        }
    }

    [Fact]
    public async Task A_damaged_file_met_by_a_command_that_may_not_repair_is_refused_and_left_in_place()
    {
        var path = _folder.File("monitorcore.db");
        var damaged = Damaged(16 * 1024);
        await File.WriteAllBytesAsync(path, damaged);
        await using var database = Database.Create(DatabaseLocation.Parse(path, _folder.Path));

        var refused = await Assert.ThrowsAsync<DatabaseProblemException>(
            () => new DatabaseInitializer(database, new DatabaseOptions(), _time).InitializeAsync(default, integrityCheck: false));

        Assert.False(refused.BadInput);
        Assert.Contains("is damaged", refused.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_second_corrupt_file_in_the_same_second_does_not_overwrite_the_first()
    {
        var path = _folder.File("monitorcore.db");
        await File.WriteAllBytesAsync(path, Damaged(8192, first: true));
        var (first, _) = await OpenAsync(path);
        await first.DisposeAsync();
        DatabaseInitializer.ReleaseSqliteFiles();

        await File.WriteAllBytesAsync(path, Damaged(8192, first: false));
        var (second, report) = await OpenAsync(path);
        await second.DisposeAsync();

        Assert.Contains(".corrupt-20261124T123005Z-1", Assert.Single(report.Messages), StringComparison.Ordinal);
        Assert.Equal(0xA5, (await File.ReadAllBytesAsync(path + ".corrupt-20261124T123005Z"))[100]);
    }

    /// <summary>A SQLite header followed by bytes that are no database pages.</summary>
    private static byte[] Damaged(int length, bool first = true) =>
        [.. "SQLite format 3\0"u8.ToArray(), .. Enumerable.Repeat(first ? (byte)0xA5 : (byte)0x5A, length - 16)];

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
