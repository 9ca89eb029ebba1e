using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MonitorCore.Data;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Reading needs no write access, and a lock is waited for a few seconds, not half a minute (docs/behaviour.md §9).
/// The user who may only read is <c>nobody</c> in a real process: the tests run as root, whom no file mode stops.
/// </summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadOnlyDatabaseTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public ReadOnlyDatabaseTests()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        File.WriteAllText(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
            near,SOL,LONG,182.5,174.3,1500,115,181
            """);
    }

    private string Db => _folder.File("data/monitorcore.db");

    public void Dispose()
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_user_who_may_not_write_the_file_or_its_folder_reads_everything_and_a_write_is_refused_with_a_message()
    {
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("run", "liquid_monitor")).ExitCode);
        DatabaseInitializer.ReleaseSqliteFiles(); // the last connection closes: the -wal file is folded in and removed
        Assert.False(File.Exists(Db + "-wal"));
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // 444, in a folder only root may write
        var before = await File.ReadAllBytesAsync(Db);

        var status = await CliProcess.RunAsNobodyAsync(_folder.Path, "status", "--json");
        var positions = await CliProcess.RunAsNobodyAsync(_folder.Path, "positions", "--json");
        var alerts = await CliProcess.RunAsNobodyAsync(_folder.Path, "alerts", "--json");
        var write = await CliProcess.RunAsNobodyAsync(_folder.Path, "thresholds", "set", "Profit", "Position", "--low", "1", "--medium", "2", "--high", "3");

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Equal("Success", (string?)status.Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "liquid_monitor")!["last_status"]);
        Assert.Equal("near", (string?)Assert.Single(positions.Json["positions"]!.AsArray())!["id"]);
        Assert.Equal("near", (string?)Assert.Single(alerts.Json["alerts"]!.AsArray())!["subject"]);
        Assert.Equal(2, write.ExitCode);
        Assert.Contains(Db, write.Error, StringComparison.Ordinal);
        Assert.Contains("this user", write.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", write.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Db));
        Assert.Equal(["monitorcore.db"], Directory.GetFiles(_folder.File("data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_write_waits_a_few_seconds_for_a_lock_held_elsewhere_then_says_the_database_is_busy()
    {
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        await using var holder = new SqliteConnection($"Data Source={Db};Pooling=False");
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
        await using (var write = holder.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = "UPDATE positions SET stale = 7";
            await write.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var result = await _cli.RunAsync("thresholds", "set", "Profit", "Position", "--low", "1", "--medium", "2", "--high", "3");
        clock.Stop();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The database {Db} is busy: it is locked by another process", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"gave up after {clock.Elapsed}, not within a few seconds");
        await transaction.CommitAsync();
        Assert.Equal(7, (int)(await _cli.RunAsync("positions", "--json")).Json["positions"]![0]!["stale"]!);
        Assert.Equal(10, (double)(await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray().Single(t => (string?)t!["alert_type"] == "Profit")!["low"]!);
    }

    [Fact]
    public async Task A_read_waits_a_few_seconds_for_an_exclusive_lock_then_says_the_database_is_busy()
    {
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        DatabaseInitializer.ReleaseSqliteFiles();
        await using var holder = new SqliteConnection($"Data Source={Db};Pooling=False");
        await holder.OpenAsync();
        await using (var exclusive = holder.CreateCommand())
        {
            exclusive.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE positions SET stale = 1;";
            await exclusive.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var result = await _cli.RunAsync("status");
        clock.Stop();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is busy: it is locked by another process", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"gave up after {clock.Elapsed}, not within a few seconds");
    }
}
