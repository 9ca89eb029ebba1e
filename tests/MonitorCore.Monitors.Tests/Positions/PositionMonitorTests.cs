using MonitorCore.Data.Repositories;
using MonitorCore.Monitoring;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Settings;
using MonitorCore.Wallets;
using static MonitorCore.Testing.FakeMarketServer;

namespace MonitorCore.Monitors.Tests.Positions;

public sealed class PositionMonitorTests : IAsyncLifetime
{
    private const string Name = "position_monitor";
    private const string Address = "5Egu5iBD5TvXPR7i5QazQi6JT51LZrq8P3dYRcM3wHz6";
    private FakeMarketServer _market = null!;
    private TestHost _harness = null!;

    public async Task InitializeAsync()
    {
        _market = await FakeMarketServer.StartAsync();
        _harness = await TestHost.StartAsync(_market.Configuration());
        await _harness.Get<IWalletStore>().AddAsync(new Wallet("main", Address, true, _harness.Time.GetUtcNow()), default);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _market.DisposeAsync();
    }

    private async Task<IReadOnlyList<Position>> Stored(PositionStatus? status = null) =>
        await _harness.Get<IPositionStore>().ListAsync(status, default);

    [Fact]
    public async Task Stores_the_three_positions_with_the_values_the_math_gives()
    {
        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal((3, 0, 3), ((int)run.Metadata["imported"]!, (int)run.Metadata["updated"]!, (int)run.Metadata["active"]!));
        Assert.Equal("ok", (string?)run.Metadata["wallets"]!["main"]);
        Assert.Contains($"walletAddress={Address}&showTpslRequests=true", Assert.Single(_market.Requests).PathAndQuery, StringComparison.Ordinal);

        var positions = await Stored();
        Assert.Equal(["BTC", "ETH", "SOL"], positions.Select(p => p.AssetType).Order());
        var sol = positions.Single(p => p.AssetType == "SOL");
        var expected = PositionMath.Enrich(sol, 187.42, new HeatIndexWeights());
        Assert.Equal(expected, sol);
        Assert.Equal((PositionType.Long, 182.514, 151.0022, 1250.0, 250.331, 31.309),
            (sol.PositionType, sol.EntryPrice, sol.LiquidationPrice, sol.Size, sol.Collateral, sol.PnlAfterFeesUsd!.Value));
        Assert.Equal(187.42, sol.CurrentPrice); // no stored price yet: Jupiter's mark price
        Assert.Equal(Math.Round(Math.Abs(187.42 - 151.0022) / 187.42 * 100, 2), sol.LiquidationDistancePct, 2);
        Assert.Equal("main", sol.WalletName);
        Assert.Equal(PositionType.Short, positions.Single(p => p.AssetType == "BTC").PositionType);
        Assert.Equal(3, await _harness.Get<SystemVars>().GetAsync(MonitorCore.Monitors.Positions.PositionMonitor.Badge));
    }

    [Fact]
    public async Task The_newest_stored_price_wins_over_the_mark_price()
    {
        await _harness.Get<IPriceStore>().AddAsync([new PriceQuote("SOL", 160, "coingecko", _harness.Time.GetUtcNow())], default);

        await _harness.RunAsync(Name);

        var sol = (await Stored()).Single(p => p.AssetType == "SOL");
        Assert.Equal(160, sol.CurrentPrice);
        Assert.Equal(PositionMath.TravelPercent(PositionType.Long, 182.514, 160, 151.0022), sol.TravelPercent);
    }

    [Fact]
    public async Task Numbers_sent_as_json_numbers_are_read_the_same()
    {
        _market.ServeFixture(FakeMarketServer.Positions, "jupiter/positions_numbers.json");

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        var p = Assert.Single(await Stored());
        Assert.Equal(("pos_numeric_1", "SOL", 10.0, 5.0, 0.1, 100.0, 12.0), (p.Id, p.AssetType, p.EntryPrice, p.LiquidationPrice, p.Size, p.Collateral, p.CurrentPrice));
    }

    [Fact]
    public async Task An_unknown_mint_is_skipped_and_named_and_the_rest_is_stored()
    {
        _market.ServeFixture(FakeMarketServer.Positions, "jupiter/positions_unknown_mint.json");

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal("pos_known", Assert.Single(await Stored()).Id);
        var skipped = (string?)Assert.Single(run.Metadata["skipped"]!.AsArray());
        Assert.Contains("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", skipped, StringComparison.Ordinal);
        Assert.Contains("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", (string?)run.Metadata["warning"], StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string> FailedSyncs => new()
    {
        { "bad/positions_garbage.json", 200, "unreadable answer, nothing changed" },
        { "bad/html_error_502.html", 502, "HTTP 502" },
        { "bad/truncated.json", 200, "malformed JSON" },
        { "bad/wrong_shape.json", 200, "no 'dataList'" },
    };

    [Theory]
    [MemberData(nameof(FailedSyncs))]
    public async Task A_failed_sync_changes_nothing_stored(string fixture, int status, string problem)
    {
        await _harness.RunAsync(Name);
        var before = await Stored(null);
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        _market.ServeFixture(FakeMarketServer.Positions, fixture, status);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        Assert.Contains(problem, (string?)run.Metadata["wallets"]!["main"]!["error"], StringComparison.Ordinal);
        Assert.Contains("main", (string?)run.Metadata["error"], StringComparison.Ordinal);
        var after = await Stored(null);
        Assert.Equal(before.Select(p => (p.Id, p.Stale, p.Status, p.EntryPrice)), after.Select(p => (p.Id, p.Stale, p.Status, p.EntryPrice)));
    }

    [Fact]
    public async Task Three_syncs_without_a_position_close_it_softly_and_seeing_it_again_reopens_it()
    {
        await _harness.RunAsync(Name);
        _market.ServeFixture(FakeMarketServer.Positions, "jupiter/positions_empty.json");

        for (var missed = 1; missed <= 3; missed++)
        {
            var run = await _harness.RunAsync(Name);
            var stale = await Stored(null);
            Assert.All(stale, p => Assert.Equal(missed, p.Stale));
            Assert.All(stale, p => Assert.Equal(missed < 3 ? PositionStatus.Active : PositionStatus.StaleClosed, p.Status));
            Assert.Equal(missed < 3 ? 0 : 3, (int)run.Metadata["stale_closed"]!);
        }

        Assert.Empty(await Stored(PositionStatus.Active));
        _market.ServeFixture(FakeMarketServer.Positions, "jupiter/positions.json");
        var back = await _harness.RunAsync(Name);

        Assert.Equal(3, (int)back.Metadata["updated"]!);
        Assert.All(await Stored(null), p => Assert.Equal((PositionStatus.Active, 0), (p.Status, p.Stale)));
    }

    [Fact]
    public async Task Without_active_wallets_it_is_skipped_and_says_how_to_add_one()
    {
        await _harness.Get<IWalletStore>().SetEnabledAsync("main", false, default);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Skipped, run.Status);
        Assert.Contains("wallets add", (string?)run.Metadata["reason"], StringComparison.Ordinal);
        Assert.Empty(_market.Requests);
    }

    [Fact]
    public async Task One_wallet_failing_is_a_warning_and_the_other_is_synced()
    {
        await _harness.Get<IWalletStore>().AddAsync(new Wallet("second", "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU", true, _harness.Time.GetUtcNow()), default);
        _market.Serve(FakeMarketServer.Positions, Answer.Fixture("jupiter/positions.json"), Answer.Fixture("bad/html_error_502.html", 502));

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal("ok", (string?)run.Metadata["wallets"]!["main"]);
        Assert.Contains("1 of 2 wallets not synced", (string?)run.Metadata["warning"], StringComparison.Ordinal);
        Assert.Equal(3, (await Stored()).Count);
    }

    [Fact]
    public async Task Positions_from_a_file_follow_the_latest_prices_too()
    {
        var file = new Position
        {
            Id = "manual-1", AssetType = "ETH", PositionType = PositionType.Short, EntryPrice = 3500, LiquidationPrice = 4000,
            Size = 1000, Collateral = 200, CurrentPrice = 3500, LastUpdated = _harness.Time.GetUtcNow(), Source = PositionFileParser.Source,
        };
        await _harness.Get<IPositionStore>().UpsertAsync([file], default);
        await _harness.Get<IPriceStore>().AddAsync([new PriceQuote("ETH", 3400, "coingecko", _harness.Time.GetUtcNow())], default);

        await _harness.RunAsync(Name);

        var manual = (await Stored()).Single(p => p.Id == "manual-1");
        Assert.Equal(PositionMath.Enrich(file, 3400, new HeatIndexWeights()) with { LastUpdated = manual.LastUpdated }, manual);
    }

    [Fact]
    public async Task Unreadable_stored_rows_are_quarantined_and_reported()
    {
        await _harness.RunAsync(Name);
        await using (var connection = await _harness.Get<MonitorCore.Data.Database>().OpenAsync(default))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE positions SET position_type = 'sideways' WHERE asset_type = 'ETH'";
            await command.ExecuteNonQueryAsync();
        }

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Contains("sideways", (string?)Assert.Single(run.Metadata["quarantined"]!.AsArray())!["reason"], StringComparison.Ordinal);
        Assert.Single(await _harness.Get<IPositionStore>().ListQuarantineAsync(default));
    }
}
