using MonitorCore.Monitors.Demo;
using MonitorCore.Positions;
using MonitorCore.Wallets;

namespace MonitorCore.Monitors.Tests.Demo;

public class DemoMarketTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Prices_walk_but_stay_within_a_few_percent_of_realistic_levels()
    {
        foreach (var asset in DemoMarket.Assets)
        {
            var prices = Enumerable.Range(0, 7 * 1440).Select(m => DemoMarket.PriceAt(asset, Start.AddMinutes(m))).ToList();
            Assert.All(prices, p => Assert.InRange(p, asset.BasePrice * 0.955, asset.BasePrice * 1.045));
            Assert.True(prices.Distinct().Count() > 1000, $"{asset.Symbol} should move");
            Assert.Equal(prices[100], DemoMarket.PriceAt(asset, Start.AddMinutes(100).AddSeconds(30)));
        }
    }

    [Fact]
    public void The_sol_long_is_always_a_few_percent_from_liquidation_and_the_others_are_not()
    {
        var weights = new HeatIndexWeights();
        foreach (var minute in Enumerable.Range(0, 3 * 1440).Where(m => m % 7 == 0))
        {
            foreach (var demo in DemoMarket.Positions)
            {
                var asset = DemoMarket.Assets.Single(a => a.Symbol == demo.Symbol);
                var position = new Position
                {
                    Id = demo.Id, AssetType = demo.Symbol, PositionType = demo.Long ? PositionType.Long : PositionType.Short,
                    EntryPrice = demo.Entry, LiquidationPrice = demo.Liquidation, Size = demo.Size, Collateral = demo.Collateral,
                };
                var distance = PositionMath.Enrich(position, DemoMarket.PriceAt(asset, Start.AddMinutes(minute)), weights).LiquidationDistancePct;
                if (demo.Symbol == "SOL")
                {
                    Assert.InRange(distance, 2, 12);
                }
                else
                {
                    Assert.True(distance > 7, $"{demo.Symbol} is {distance} % from liquidation");
                }
            }
        }
    }

    [Fact]
    public void The_demo_wallet_is_a_valid_wallet() =>
        Assert.Null(Wallet.Problem(new Wallet(DemoMarket.WalletName, DemoMarket.WalletAddress, true, Start)));

    [Fact]
    public void The_24h_range_holds_the_current_price()
    {
        var market = new DemoMarket(new FakeTimeProvider(Start));
        foreach (var asset in DemoMarket.Assets)
        {
            var (high, low) = market.Range24h(asset);
            Assert.InRange(market.Price(asset), low, high);
            Assert.True(high > low);
        }
    }
}
