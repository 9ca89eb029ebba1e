using MonitorCore.Data.Repositories;
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
}
