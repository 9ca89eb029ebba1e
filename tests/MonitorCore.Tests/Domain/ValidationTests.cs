using MonitorCore.Alerts;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Wallets;

namespace MonitorCore.Tests.Domain;

public class ValidationTests
{
    private static AlertThreshold Threshold(ThresholdCondition condition, double low, double medium, double high, string type = "Profit") => new()
    {
        AlertType = type,
        AlertClass = "Position",
        MetricKey = "m",
        Condition = condition,
        Low = low,
        Medium = medium,
        High = high,
    };

    [Fact]
    public void Above_needs_an_ascending_triple()
    {
        Assert.Null(AlertThreshold.Problem(Threshold(ThresholdCondition.Above, 10, 25, 50)));
        var problem = AlertThreshold.Problem(Threshold(ThresholdCondition.Above, 10, 5, 50));
        Assert.Contains("low ≤ medium ≤ high", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_needs_a_descending_triple()
    {
        Assert.Null(AlertThreshold.Problem(Threshold(ThresholdCondition.Below, 10, 7.5, 5, "LiquidationDistance")));
        Assert.Contains("low ≥ medium ≥ high", AlertThreshold.Problem(Threshold(ThresholdCondition.Below, 5, 7.5, 10, "LiquidationDistance")), StringComparison.Ordinal);
    }

    [Fact]
    public void Travel_is_below_by_magnitude_so_its_triple_ascends()
    {
        Assert.Null(AlertThreshold.Problem(Threshold(ThresholdCondition.Below, 50, 70, 90, "TravelPercent")));
        Assert.Contains("by magnitude", AlertThreshold.Problem(Threshold(ThresholdCondition.Below, 90, 70, 50, "TravelPercent")), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_or_unnamed_thresholds_are_refused()
    {
        Assert.Contains("finite", AlertThreshold.Problem(Threshold(ThresholdCondition.Above, double.NaN, 1, 2)), StringComparison.Ordinal);
        Assert.Contains("must not be empty", AlertThreshold.Problem(Threshold(ThresholdCondition.Above, 1, 2, 3) with { AlertType = " " }), StringComparison.Ordinal);
    }

    [Fact]
    public void Prices_must_be_positive_and_named()
    {
        var t = DateTimeOffset.UnixEpoch;
        Assert.Null(PriceQuote.Problem(new PriceQuote("BTC", 1, "coingecko", t)));
        Assert.Contains("positive", PriceQuote.Problem(new PriceQuote("BTC", 0, "coingecko", t)), StringComparison.Ordinal);
        Assert.Contains("positive", PriceQuote.Problem(new PriceQuote("BTC", double.NaN, "coingecko", t)), StringComparison.Ordinal);
        Assert.NotNull(PriceQuote.Problem(new PriceQuote("", 1, "coingecko", t)));
        Assert.NotNull(PriceQuote.Problem(new PriceQuote("BTC", 1, "", t)));
    }

    [Fact]
    public void Wallets_need_a_simple_name_and_a_solana_address()
    {
        var t = DateTimeOffset.UnixEpoch;
        const string address = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
        Assert.Null(Wallet.Problem(new Wallet("main", address, true, t)));
        Assert.Contains("name", Wallet.Problem(new Wallet("my wallet", address, true, t)), StringComparison.Ordinal);
        Assert.Contains("Solana", Wallet.Problem(new Wallet("main", "0xabc", true, t)), StringComparison.Ordinal);
    }

    private static Position Position() => new()
    {
        Id = "p1",
        AssetType = "SOL",
        PositionType = PositionType.Long,
        EntryPrice = 100,
        LiquidationPrice = 50,
        Size = 2,
        Collateral = 100,
    };

    [Fact]
    public void Positions_must_have_finite_non_negative_numbers()
    {
        Assert.Null(PositionValidator.Problem(Position()));
        Assert.Contains("size", PositionValidator.Problem(Position() with { Size = double.PositiveInfinity }), StringComparison.Ordinal);
        Assert.Contains("negative", PositionValidator.Problem(Position() with { Size = -1 }), StringComparison.Ordinal);
        Assert.Contains("pnl", PositionValidator.Problem(Position() with { PnlAfterFeesUsd = double.NaN }), StringComparison.Ordinal);
        Assert.Contains("heat", PositionValidator.Problem(Position() with { HeatIndex = double.NaN }), StringComparison.Ordinal);
        Assert.Contains("id", PositionValidator.Problem(Position() with { Id = "" }), StringComparison.Ordinal);
        Assert.Contains("asset", PositionValidator.Problem(Position() with { AssetType = "" }), StringComparison.Ordinal);
        Assert.Contains("stale", PositionValidator.Problem(Position() with { Stale = -1 }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long", PositionType.Long)]
    [InlineData(" SHORT ", PositionType.Short)]
    public void Sides_read_in_any_case(string text, PositionType expected)
    {
        Assert.True(Vocabulary.TryParse<PositionType>(text, out var type));
        Assert.Equal(expected, type);
        Assert.False(Vocabulary.TryParse<PositionType>("sideways", out _));
    }

    [Fact]
    public void Statuses_round_trip_through_their_words()
    {
        foreach (var status in Enum.GetValues<PositionStatus>())
        {
            Assert.True(Vocabulary.TryParse<PositionStatus>(status.Word(), out var back));
            Assert.Equal(status, back);
        }

        Assert.False(Vocabulary.TryParse<PositionStatus>("OPEN", out _));
        Assert.Equal("LONG", PositionType.Long.Word());
        Assert.Equal("SHORT", PositionType.Short.Word());
        Assert.Equal("STALE_CLOSED", PositionStatus.StaleClosed.Word());
    }
}
