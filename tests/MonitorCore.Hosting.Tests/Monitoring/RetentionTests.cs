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
}
