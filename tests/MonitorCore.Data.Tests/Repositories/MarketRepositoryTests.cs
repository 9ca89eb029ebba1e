using MonitorCore.Data.Repositories;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Wallets;

namespace MonitorCore.Data.Tests.Repositories;

public abstract class MarketRepositoryTests(ITestDatabaseFactory factory) : DatabaseTestBase(factory)
{
    private const string Address = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";

    [Fact]
    public async Task Prices_keep_history_and_give_the_latest_per_asset()
    {
        var prices = new PriceRepository(Database);
        await prices.AddAsync(
        [
            new PriceQuote("BTC", 100_000, "coingecko", T0),
            new PriceQuote("BTC", 101_000, "coingecko", T0.AddMinutes(1)),
            new PriceQuote("SPX", 6_000, "yahoo", T0),
        ], default);

        Assert.Equal(101_000, (await prices.GetLatestAsync("BTC", default))!.CurrentPrice);
        Assert.Null(await prices.GetLatestAsync("ETH", default));
        var latest = await prices.GetLatestAllAsync(default);
        Assert.Equal(["BTC", "SPX"], latest.Keys.Order());
        Assert.Equal("yahoo", latest["SPX"].Source);
        Assert.Equal(2, (await prices.GetHistoryAsync("BTC", T0, default)).Count);
        Assert.Single(await prices.GetHistoryAsync("BTC", T0.AddSeconds(1), default));
    }

    [Fact]
    public async Task A_batch_with_one_bad_price_stores_nothing()
    {
        var prices = new PriceRepository(Database);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => prices.AddAsync(
            [new PriceQuote("BTC", 100_000, "coingecko", T0), new PriceQuote("ETH", -1, "coingecko", T0)], default));
        Assert.Contains("ETH", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await prices.GetLatestAllAsync(default));
    }

    [Fact]
    public async Task Wallets_are_added_once_listed_and_disabled()
    {
        var wallets = new WalletRepository(Database);
        await wallets.AddAsync(new Wallet("main", Address, true, T0), default);
        await wallets.AddAsync(new Wallet("alt", "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU", true, T0), default);

        await Assert.ThrowsAsync<DuplicateWalletException>(() => wallets.AddAsync(new Wallet("main", "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsV", true, T0), default));
        await Assert.ThrowsAsync<DuplicateWalletException>(() => wallets.AddAsync(new Wallet("other", Address, true, T0), default));
        await Assert.ThrowsAsync<ArgumentException>(() => wallets.AddAsync(new Wallet("bad", "0x1", true, T0), default));

        Assert.True(await wallets.SetEnabledAsync("alt", false, default));
        Assert.False(await wallets.SetEnabledAsync("nobody", false, default));
        Assert.Equal(["alt", "main"], (await wallets.ListAsync(false, default)).Select(w => w.Name));
        var active = Assert.Single(await wallets.ListAsync(true, default));
        Assert.Equal(("main", Address, T0), (active.Name, active.Address, active.CreatedAt));
    }

    private static Position Position(string id, PositionStatus status = PositionStatus.Active) => new()
    {
        Id = id,
        AssetType = "SOL",
        PositionType = PositionType.Short,
        EntryPrice = 180,
        CurrentPrice = 170,
        LiquidationPrice = 250,
        Size = 1000,
        Collateral = 100,
        Leverage = 10,
        Value = 155.5,
        PnlAfterFeesUsd = null,
        TravelPercent = 14.3,
        LiquidationDistance = 80,
        LiquidationDistancePct = 47.06,
        HeatIndex = 12.5,
        WalletName = "main",
        LastUpdated = T0,
        Status = status,
        Stale = 1,
    };

    [Fact]
    public async Task Positions_upsert_and_read_back_every_field()
    {
        var positions = new PositionRepository(Database, TimeProvider.System);
        await positions.UpsertAsync([Position("p1"), Position("p2", PositionStatus.StaleClosed)], default);
        await positions.UpsertAsync([Position("p1") with { CurrentPrice = 175, PnlAfterFeesUsd = 27.5, Stale = 0 }], default);

        var all = await positions.ListAsync(null, default);
        Assert.Equal(2, all.Count);
        var p1 = Assert.Single(await positions.ListAsync(PositionStatus.Active, default));
        Assert.Equal(Position("p1") with { CurrentPrice = 175, PnlAfterFeesUsd = 27.5, Stale = 0 }, p1);
        Assert.Equal("p2", Assert.Single(await positions.ListAsync(PositionStatus.StaleClosed, default)).Id);
    }

    [Fact]
    public async Task Unreadable_rows_are_moved_to_quarantine_with_their_reason_and_the_rest_are_used()
    {
        var positions = new PositionRepository(Database, TimeProvider.System);
        await positions.UpsertAsync([Position("good"), Position("bad_side"), Position("bad_size")], default);
        await using (var connection = await Database.OpenAsync(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE positions SET position_type = 'sideways' WHERE id = 'bad_side'; UPDATE positions SET size = -5 WHERE id = 'bad_size'";
            await command.ExecuteNonQueryAsync();
        }

        var read = await positions.ReadAsync(null, default);

        Assert.Equal("good", Assert.Single(read.Positions).Id);
        Assert.Equal(["bad_side", "bad_size"], read.Quarantined.Select(q => q.PositionId).Order());
        Assert.Contains("sideways", read.Quarantined.Single(q => q.PositionId == "bad_side").Reason, StringComparison.Ordinal);
        Assert.Contains("negative", read.Quarantined.Single(q => q.PositionId == "bad_size").Reason, StringComparison.Ordinal);
        Assert.Equal(-5, (double)read.Quarantined.Single(q => q.PositionId == "bad_size").Raw["size"]!);

        var again = await positions.ReadAsync(null, default);
        Assert.Empty(again.Quarantined);
        var kept = await positions.ListQuarantineAsync(default);
        Assert.Equal(2, kept.Count);
        Assert.Equal("sideways", (string?)kept.Single(q => q.PositionId == "bad_side").Raw["position_type"]);
    }

    [Fact]
    public async Task Prices_keep_their_24h_range()
    {
        var prices = new PriceRepository(Database);
        await prices.AddAsync([new PriceQuote("SOL", 187.42, "coingecko", T0) { High24h = 189.9, Low24h = 178.05, Change24hPct = 4.11 }], default);
        var sol = (await prices.GetLatestAsync("SOL", default))!;
        Assert.Equal((189.9, 178.05, 4.11), (sol.High24h!.Value, sol.Low24h!.Value, sol.Change24hPct!.Value));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            prices.AddAsync([new PriceQuote("SOL", 1, "x", T0) { High24h = 1, Low24h = 2 }], default));
    }

    [Fact]
    public async Task A_batch_with_one_bad_position_stores_nothing()
    {
        var positions = new PositionRepository(Database, TimeProvider.System);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            positions.UpsertAsync([Position("p1"), Position("p2") with { Size = double.NaN }], default));
        Assert.Contains("p2", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await positions.ListAsync(null, default));
    }
}

public sealed class SqliteMarketRepositoryTests() : MarketRepositoryTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMarketRepositoryTests(PostgresFixture postgres) : MarketRepositoryTests(new PostgresDatabaseFactory(postgres));

public sealed class SqliteOnlyMarketRepositoryTests() : DatabaseTestBase(new SqliteDatabaseFactory())
{
    [Fact]
    public async Task Text_in_a_number_column_is_quarantined_not_fatal()
    {
        await using (var connection = await Database.OpenAsync(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO positions (id, asset_type, position_type, entry_price, liquidation_price, size, collateral, last_updated) " +
                                  "VALUES ('p1', 'SOL', 'LONG', 'abc', 50, 2, 100, '2026-11-24T12:00:00.000000+00:00')";
            await command.ExecuteNonQueryAsync();
        }

        var read = await new PositionRepository(Database, TimeProvider.System).ReadAsync(null, default);
        Assert.Empty(read.Positions);
        Assert.Equal("abc", (string?)Assert.Single(read.Quarantined).Raw["entry_price"]);
    }
}
