using System.Text.Json.Nodes;
using MonitorCore.Data.Repositories;
using MonitorCore.Events;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Prices;

namespace MonitorCore.Hosting.Tests.Monitoring;

public sealed class RetentionTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Ledger:RetentionDays"] = "30" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rows_older_than_the_retention_are_pruned_at_most_once_an_hour()
    {
        var now = _host.Time.GetUtcNow();
        await _host.Get<IMonitorLedger>().AppendBatchAsync(
        [
            new LedgerEntry(0, "price_monitor", now.AddDays(-31), MonitorStatus.Success, [], 1, null),
            new LedgerEntry(0, "price_monitor", now.AddDays(-29), MonitorStatus.Success, [], 1, null),
        ], default);
        await _host.Get<IPriceStore>().AddAsync(
            [new PriceQuote("BTC", 90_000, "coingecko", now.AddDays(-40)), new PriceQuote("BTC", 97_000, "coingecko", now)], default);
        var retention = _host.Get<Retention>();

        Assert.Equal(2, await retention.PruneIfDueAsync(default));
        Assert.Equal(1, await _host.Get<IMonitorLedger>().CountAsync(null, default));
        Assert.Single(await _host.Get<IPriceStore>().GetHistoryAsync("BTC", now.AddDays(-100), default));

        await _host.Get<IMonitorLedger>().AppendAsync(new LedgerEntry(0, "price_monitor", now.AddDays(-50), MonitorStatus.Success, [], 1, null), default);
        _host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await retention.PruneIfDueAsync(default));
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await retention.PruneIfDueAsync(default));
    }

    [Fact]
    public async Task Events_older_than_the_retention_are_pruned_with_the_ledger()
    {
        var log = _host.Get<IEventLog>();
        var old = await log.AppendAsync([new NewEvent(EventTypes.RunRecorded, new JsonObject { ["n"] = 1 })], default);
        _host.Time.Advance(TimeSpan.FromDays(31));
        var recent = await log.AppendAsync([new NewEvent(EventTypes.RunRecorded, new JsonObject { ["n"] = 2 })], default);

        Assert.Equal(1, await _host.Get<Retention>().PruneIfDueAsync(default));
        Assert.Equal([recent[0].Id], (await log.ReadAfterAsync(0, 10, default)).Select(e => e.Id));
        Assert.True(old[0].Id < recent[0].Id);
    }

    [Fact]
    public async Task Pruned_rows_stay_readable_day_by_day_from_their_rollups()
    {
        var now = _host.Time.GetUtcNow();
        var old = now.AddDays(-40);
        await _host.Get<IMonitorLedger>().AppendBatchAsync(
        [
            new LedgerEntry(0, "price_monitor", old, MonitorStatus.Success, [], 10, null),
            new LedgerEntry(0, "price_monitor", old.AddMinutes(1), MonitorStatus.Success, [], 20, null),
            new LedgerEntry(0, "price_monitor", old.AddMinutes(2), MonitorStatus.Error, [], 60, null),
            new LedgerEntry(0, "price_monitor", now, MonitorStatus.Success, [], 5, null),
        ], default);

        Assert.Equal(3, await _host.Get<Retention>().PruneIfDueAsync(default));

        var daily = await _host.Host.Operations.Ledger.DailyAsync("price_monitor", 60, default);
        Assert.Equal(2, daily.Rows.Count);
        var pruned = daily.Rows[0];
        Assert.Equal(("2026-10-15", 3L, 10.0, 30.0, 60.0), (pruned.Day, pruned.Runs, pruned.MinMs, pruned.AvgMs, pruned.MaxMs));
        Assert.Equal((2L, 1L), (pruned.ByStatus["Success"], pruned.ByStatus["Error"]));
        Assert.Equal(("2026-11-24", 1L), (daily.Rows[1].Day, daily.Rows[1].Runs));
        Assert.Single((await _host.Host.Operations.Ledger.DailyAsync(null, 30, default)).Rows); // 30 days back: the pruned day is older
        var refused = await Assert.ThrowsAsync<MonitorCore.Hosting.Operations.OperationException>(() => _host.Host.Operations.Ledger.DailyAsync(null, 0, default));
        Assert.Equal("days", refused.Field);
    }
}
