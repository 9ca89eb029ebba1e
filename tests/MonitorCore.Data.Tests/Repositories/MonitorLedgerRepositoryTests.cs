using System.Text.Json.Nodes;
using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Data.Tests.Repositories;

public abstract class MonitorLedgerRepositoryTests(ITestDatabaseFactory factory) : DatabaseTestBase(factory)
{
    private MonitorLedgerRepository Ledger => new(Database);

    private static LedgerEntry Entry(string monitor, DateTimeOffset at, MonitorStatus status = MonitorStatus.Success, string? cycle = null) =>
        new(0, monitor, at, status, new JsonObject { ["n"] = 1, ["nested"] = new JsonObject { ["list"] = new JsonArray(1, 2) } }, 12.5, cycle);

    [Fact]
    public async Task Append_returns_the_row_with_an_id_and_reads_back_the_same()
    {
        var stored = await Ledger.AppendAsync(Entry("price_monitor", T0.AddTicks(1230), cycle: "c-1"), default);
        Assert.True(stored.Id > 0);

        var read = Assert.Single(await Ledger.QueryAsync(new LedgerQuery("price_monitor"), default));
        Assert.Equal(stored.Id, read.Id);
        Assert.Equal(T0.AddTicks(1230), read.Timestamp);
        Assert.Equal(MonitorStatus.Success, read.Status);
        Assert.Equal(12.5, read.DurationMs);
        Assert.Equal("c-1", read.CycleId);
        Assert.Equal(2, (int?)read.Metadata["nested"]!["list"]![1]);
    }

    [Fact]
    public async Task Latest_is_the_newest_by_time_per_monitor_even_when_older_rows_came_later()
    {
        await Ledger.AppendAsync(Entry("price_monitor", T0.AddMinutes(10), MonitorStatus.Warning), default);
        await Ledger.AppendAsync(Entry("price_monitor", T0, MonitorStatus.Error), default); // e.g. an imported old row
        await Ledger.AppendAsync(Entry("latency_monitor", T0.AddMinutes(1)), default);

        var latest = await Ledger.GetLatestAsync(["price_monitor", "latency_monitor", "never_ran"], default);

        Assert.Equal(MonitorStatus.Warning, latest["price_monitor"].Status);
        Assert.Equal(T0.AddMinutes(1), latest["latency_monitor"].Timestamp);
        Assert.False(latest.ContainsKey("never_ran"));
    }

    [Fact]
    public async Task Latest_with_status_skips_other_statuses()
    {
        await Ledger.AppendAsync(Entry("sonic_monitor", T0, MonitorStatus.Success), default);
        await Ledger.AppendAsync(Entry("sonic_monitor", T0.AddMinutes(1), MonitorStatus.Error), default);

        var found = await Ledger.GetLatestWithStatusAsync("sonic_monitor", [MonitorStatus.Success, MonitorStatus.Warning], default);
        Assert.Equal(T0, found!.Timestamp);
        Assert.Null(await Ledger.GetLatestWithStatusAsync("sonic_monitor", [MonitorStatus.Disabled], default));
    }

    [Fact]
    public async Task Batch_append_stores_every_row_and_query_pages_newest_first()
    {
        var rows = Enumerable.Range(0, 250).Select(i => Entry(i % 2 == 0 ? "a_monitor" : "b_monitor", T0.AddSeconds(i))).ToList();
        await Ledger.AppendBatchAsync(rows, default);
        await Ledger.AppendBatchAsync([], default);

        Assert.Equal(250, await Ledger.CountAsync(null, default));
        Assert.Equal(125, await Ledger.CountAsync("a_monitor", default));

        var page = await Ledger.QueryAsync(new LedgerQuery(Limit: 10), default);
        Assert.Equal(10, page.Count);
        Assert.Equal(T0.AddSeconds(249), page[0].Timestamp);
        var next = await Ledger.QueryAsync(new LedgerQuery(Limit: 5, Before: LedgerCursor.Of(page[^1])), default);
        Assert.True(next.All(r => r.Id < page[^1].Id));
        Assert.Equal(T0.AddSeconds(239), next[0].Timestamp);
        Assert.True(LedgerCursor.TryParse(LedgerCursor.Of(page[^1]).ToString(), out var cursor) && cursor == LedgerCursor.Of(page[^1]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.QueryAsync(new LedgerQuery(Limit: 0), default));
    }

    [Fact]
    public async Task Import_adds_each_keyed_row_once()
    {
        ImportedLedgerEntry[] rows =
        [
            new(Entry("price_monitor", T0), "k1"),
            new(Entry("price_monitor", T0.AddMinutes(1)), "k2"),
        ];

        Assert.Equal(2, await Ledger.ImportAsync(rows, default));
        Assert.Equal(0, await Ledger.ImportAsync(rows, default));
        Assert.Equal(1, await Ledger.ImportAsync([.. rows, new ImportedLedgerEntry(Entry("price_monitor", T0.AddMinutes(2)), "k3")], default));
        Assert.Equal(3, await Ledger.CountAsync("price_monitor", default));
    }

    [Fact]
    public async Task Invalid_rows_are_refused_and_nothing_is_stored()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.AppendAsync(Entry("", T0), default));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Ledger.AppendBatchAsync([Entry("ok_monitor", T0), Entry("ok_monitor", T0) with { DurationMs = -1 }], default));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Ledger.ImportAsync([new ImportedLedgerEntry(Entry("ok_monitor", T0) with { DurationMs = double.NaN }, "k")], default));
        Assert.Equal(0, await Ledger.CountAsync(null, default));
    }

    [Fact]
    public async Task A_corrupt_row_is_read_as_an_error_that_says_so()
    {
        await using (var connection = await Database.OpenAsync(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO monitor_ledger (monitor_name, timestamp, status, metadata) VALUES ('x_monitor', @t, 'Exploded', @m)";
            command.Add("@t", Database.ToDb(T0));
            Database.AddJson(command, "@m", """{"a": 1}""");
            await command.ExecuteNonQueryAsync();
        }

        var row = Assert.Single(await Ledger.QueryAsync(new LedgerQuery("x_monitor"), default));
        Assert.Equal(MonitorStatus.Error, row.Status);
        Assert.Equal("Exploded", (string?)row.Metadata["unreadable_status"]);
        Assert.Equal(1, (int?)row.Metadata["a"]);
    }

    [Fact]
    public async Task Prune_deletes_only_rows_older_than_the_cutoff()
    {
        await Ledger.AppendBatchAsync([Entry("a_monitor", T0.AddDays(-100)), Entry("a_monitor", T0.AddDays(-1))], default);
        Assert.Equal(1, await Ledger.PruneAsync(T0.AddDays(-90), default));
        Assert.Equal(T0.AddDays(-1), Assert.Single(await Ledger.QueryAsync(new LedgerQuery(), default)).Timestamp);
    }

    [Fact]
    public async Task Pruning_keeps_the_daily_counts_and_durations_of_the_rows_it_deletes_and_daily_adds_the_kept_rows()
    {
        var day1 = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        await Ledger.AppendBatchAsync(
        [
            Entry("price_monitor", day1.AddHours(1)) with { DurationMs = 10 },
            Entry("price_monitor", day1.AddHours(2)) with { DurationMs = 30 },
            Entry("price_monitor", day1.AddHours(23).AddMinutes(59)) with { DurationMs = null },
            Entry("price_monitor", day1.AddHours(3), MonitorStatus.Error) with { DurationMs = 500 },
            Entry("latency_monitor", day1.AddDays(1).AddHours(1)) with { DurationMs = 7 },
            Entry("price_monitor", day1.AddDays(2).AddHours(1)) with { DurationMs = 20 }, // kept
        ], default);

        var deleted = await Ledger.PruneAsync(day1.AddDays(2), default);
        Assert.Equal(5, deleted);
        Assert.Equal(1, await Ledger.CountAsync(null, default));

        // A second prune of rows of a day already rolled up adds to it, never replaces it.
        await Ledger.AppendAsync(Entry("price_monitor", day1.AddHours(4)) with { DurationMs = 2 }, default);
        Assert.Equal(1, await Ledger.PruneAsync(day1.AddDays(2), default));

        var days = await Ledger.DailyAsync(null, DateOnly.FromDateTime(day1.UtcDateTime), default);
        var price = days.Single(d => d.MonitorName == "price_monitor" && d.Day == new DateOnly(2026, 1, 10) && d.Status == MonitorStatus.Success);
        Assert.Equal((4L, 2.0, 14.0, 30.0), (price.Runs, price.MinMs, price.AvgMs, price.MaxMs));
        var error = days.Single(d => d.MonitorName == "price_monitor" && d.Day == new DateOnly(2026, 1, 10) && d.Status == MonitorStatus.Error);
        Assert.Equal((1L, 500.0), (error.Runs, error.MaxMs));
        Assert.Equal(1, days.Single(d => d.MonitorName == "latency_monitor").Runs);
        var kept = days.Single(d => d.Day == new DateOnly(2026, 1, 12));
        Assert.Equal(("price_monitor", 1L, 20.0), (kept.MonitorName, kept.Runs, kept.AvgMs));

        Assert.Equal(["latency_monitor"], (await Ledger.DailyAsync("latency_monitor", new DateOnly(2026, 1, 1), default)).Select(d => d.MonitorName));
        Assert.Empty(await Ledger.DailyAsync(null, new DateOnly(2026, 1, 13), default));
    }

    [Fact]
    public async Task Importing_legacy_rows_again_after_they_were_pruned_adds_nothing_so_no_day_is_counted_twice()
    {
        var day = new DateOnly(2025, 7, 20);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
        ImportedLedgerEntry[] legacy =
        [
            new(Entry("price_monitor", at), "price_ledger.json:1"),
            new(Entry("price_monitor", at.AddMinutes(1), MonitorStatus.Error), "price_ledger.json:2"),
        ];
        Assert.Equal(2, await Ledger.ImportAsync(legacy, default));
        Assert.Equal(2, await Ledger.PruneAsync(at.AddDays(1), default));

        Assert.Equal(0, await Ledger.ImportAsync(legacy, default));
        Assert.Equal(1, await Ledger.ImportAsync([.. legacy, new(Entry("price_monitor", at.AddMinutes(2)), "price_ledger.json:3")], default));
        Assert.Equal(1, await Ledger.PruneAsync(at.AddDays(1), default));

        var days = await Ledger.DailyAsync(null, day, default);
        Assert.Equal([(MonitorStatus.Success, 2L), (MonitorStatus.Error, 1L)], days.Select(d => (d.Status, d.Runs)));
    }
}

public sealed class SqliteMonitorLedgerRepositoryTests() : MonitorLedgerRepositoryTests(new SqliteDatabaseFactory())
{
    [Fact]
    public async Task Broken_metadata_text_is_kept_and_flagged()
    {
        await using (var connection = await Database.OpenAsync(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO monitor_ledger (monitor_name, timestamp, status, metadata) VALUES ('x_monitor', @t, 'Success', '{broken')";
            command.Add("@t", Database.ToDb(T0));
            await command.ExecuteNonQueryAsync();
        }

        var row = Assert.Single(await new MonitorLedgerRepository(Database).QueryAsync(new LedgerQuery("x_monitor"), default));
        Assert.Equal("{broken", (string?)row.Metadata["unreadable_metadata"]);
    }
}

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMonitorLedgerRepositoryTests(PostgresFixture postgres)
    : MonitorLedgerRepositoryTests(new PostgresDatabaseFactory(postgres));
