using MonitorCore.Monitors.Market;
using MonitorCore.Prices;

namespace MonitorCore.Monitors.Tests.Market;

public sealed class MarketMathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static PriceQuote At(double minutesAgo, double price) => new("SOL", price, "test", Now.AddMinutes(-minutesAgo));

    [Fact]
    public void A_move_runs_from_the_price_at_or_just_before_the_window_start_to_the_newest()
    {
        PriceQuote[] history = [At(90, 90), At(61, 100), At(59, 95), At(0, 103)];

        Assert.Equal(3, MarketMath.MoveOver(history, Now, Hour, Hour)!.Value, 10);
        Assert.Equal(3, MarketMath.MoveOver([At(60, 100), At(0, 103)], Now, Hour, Hour)!.Value, 10); // "at" the start counts
    }

    [Fact]
    public void A_window_the_history_does_not_reach_back_to_is_null()
    {
        Assert.Null(MarketMath.MoveOver([At(59, 100), At(0, 103)], Now, Hour, Hour));
        Assert.Null(MarketMath.MoveOver([], Now, Hour, Hour));
    }

    [Fact]
    public void A_reference_older_than_the_gap_allows_is_null_not_a_guess()
    {
        PriceQuote[] history = [At(200, 100), At(30, 101), At(0, 103)];

        Assert.Null(MarketMath.MoveOver(history, Now, Hour, Hour));
        Assert.Equal(3, MarketMath.MoveOver(history, Now, Hour, TimeSpan.FromHours(3))!.Value, 10);
    }

    [Fact]
    public void No_price_inside_the_window_is_null_rather_than_zero()
    {
        Assert.Null(MarketMath.MoveOver([At(180, 100), At(90, 103)], Now, Hour, TimeSpan.FromHours(3)));
    }

    [Theory]
    [InlineData(3.0, MoveDirection.Both, 3.0)]
    [InlineData(-3.0, MoveDirection.Both, 3.0)]
    [InlineData(3.0, MoveDirection.Up, 3.0)]
    [InlineData(-3.0, MoveDirection.Up, -3.0)]
    [InlineData(3.0, MoveDirection.Down, -3.0)]
    [InlineData(-3.0, MoveDirection.Down, 3.0)]
    public void The_rule_sees_the_move_positive_in_the_watched_direction(double move, MoveDirection direction, double expected) =>
        Assert.Equal(expected, MarketMath.Directed(move, direction));

    [Theory]
    [InlineData(100, 106, 105)]             // one rung up
    [InlineData(100, 111, 110.25)]          // two rungs in one go: the last one crossed
    [InlineData(100, 94, 95)]               // one rung down
    [InlineData(110.25, 99, 99.500625)]     // 110.25 → 104.7375 → 99.500625, within a delta of 99
    public void A_ladder_anchor_ends_on_the_last_rung_crossed(double anchor, double price, double expected) =>
        Assert.Equal(expected, MarketMath.LadderStep(anchor, price, 5), 2);

    [Fact]
    public void The_blast_radius_comes_from_the_stored_24h_range_or_else_from_the_history()
    {
        var ranged = At(0, 105) with { High24h = 110, Low24h = 100 };
        Assert.Equal((10.0, "24h_range"), MarketMath.BlastRadius([At(60, 50), ranged], Now));

        var radius = MarketMath.BlastRadius([At(25 * 60, 50), At(600, 100), At(300, 104), At(0, 102)], Now);
        Assert.Equal("history", radius!.Value.Source);
        Assert.Equal(4, radius.Value.Percent, 10); // the 50 from 25 hours ago is outside the day

        Assert.Null(MarketMath.BlastRadius([At(25 * 60, 50)], Now));
    }
}
