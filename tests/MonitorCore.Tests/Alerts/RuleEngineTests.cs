using MonitorCore.Alerts;

namespace MonitorCore.Tests.Alerts;

public class RuleEngineTests
{
    private static readonly AlertRule Liquidation = new()
    {
        Name = "LiquidationDistance", Monitor = "liquid_monitor", Condition = ThresholdCondition.Below, Low = 10, Medium = 7.5, High = 5,
    };

    private static readonly AlertRule Profit = new()
    {
        Name = "Profit", Monitor = "profit_monitor", Condition = ThresholdCondition.Above, Low = 10, Medium = 25, High = 50,
    };

    private static readonly AlertRule Travel = new()
    {
        Name = "TravelPercent", Monitor = "risk_monitor", Condition = ThresholdCondition.Below, Low = 50, Medium = 70, High = 90, Magnitude = true,
    };

    [Theory]
    [InlineData(12, null)]
    [InlineData(10, AlertLevel.Low)]
    [InlineData(8, AlertLevel.Low)]
    [InlineData(7.5, AlertLevel.Medium)]
    [InlineData(5.1, AlertLevel.Medium)]
    [InlineData(5, AlertLevel.High)]
    [InlineData(0, AlertLevel.High)]
    [InlineData(double.NaN, null)]
    public void Below_fires_as_the_value_falls_past_each_line(double value, AlertLevel? expected) =>
        Assert.Equal(expected, RuleEngine.RawLevel(Liquidation, value));

    [Theory]
    [InlineData(9.99, null)]
    [InlineData(10, AlertLevel.Low)]
    [InlineData(49, AlertLevel.Medium)]
    [InlineData(50, AlertLevel.High)]
    public void Above_fires_as_the_value_rises_past_each_line(double value, AlertLevel? expected) =>
        Assert.Equal(expected, RuleEngine.RawLevel(Profit, value));

    [Theory]
    [InlineData(-40, null)]
    [InlineData(-60, AlertLevel.Low)]
    [InlineData(-75, AlertLevel.Medium)]
    [InlineData(-95, AlertLevel.High)]
    [InlineData(60, null)]
    public void Magnitude_rules_compare_negative_travel_with_positive_magnitudes(double value, AlertLevel? expected) =>
        Assert.Equal(expected, RuleEngine.RawLevel(Travel, value));

    [Fact]
    public void A_value_hovering_at_a_line_does_not_flap()
    {
        // Band 10 − 5 = 5; margin 10 % = 0.5: LOW fires at 10 and is left only above 10.5.
        AlertLevel? level = null;
        var changes = 0;
        foreach (var value in new[] { 10.0, 10.2, 9.9, 10.4, 10.1, 9.95, 10.3 })
        {
            var next = RuleEngine.NextLevel(Liquidation, level, value);
            changes += next != level ? 1 : 0;
            level = next;
        }

        Assert.Equal(AlertLevel.Low, level);
        Assert.Equal(1, changes);
        Assert.Null(RuleEngine.NextLevel(Liquidation, AlertLevel.Low, 10.6));
    }

    [Fact]
    public void Leaving_a_level_needs_the_margin_and_steps_down_to_the_level_still_held()
    {
        Assert.Equal(AlertLevel.High, RuleEngine.NextLevel(Liquidation, AlertLevel.High, 5.4));
        Assert.Equal(AlertLevel.Medium, RuleEngine.NextLevel(Liquidation, AlertLevel.High, 5.6));
        Assert.Equal(AlertLevel.Low, RuleEngine.NextLevel(Liquidation, AlertLevel.High, 8.1));
        Assert.Null(RuleEngine.NextLevel(Liquidation, AlertLevel.High, 11));
        Assert.Equal(AlertLevel.High, RuleEngine.NextLevel(Liquidation, AlertLevel.Low, 4));
    }

    [Fact]
    public void A_breach_fires_at_the_breach_level()
    {
        var medium = Liquidation with { BreachLevel = AlertLevel.Medium };
        Assert.Equal(AlertLevel.Medium, RuleEngine.RawLevel(medium, 3));
        Assert.Equal(AlertLevel.Medium, RuleEngine.NextLevel(medium, AlertLevel.Medium, 3));
    }

    [Fact]
    public void The_crossed_line_and_level_thresholds_are_as_written()
    {
        Assert.Equal(7.5, RuleEngine.CrossedLine(Liquidation, 6));
        Assert.Null(RuleEngine.CrossedLine(Liquidation, 20));
        Assert.Equal(90, RuleEngine.CrossedLine(Travel, -95));
        Assert.Equal((10.0, 25.0, 50.0), (RuleEngine.ThresholdOf(Profit, AlertLevel.Low), RuleEngine.ThresholdOf(Profit, AlertLevel.Medium), RuleEngine.ThresholdOf(Profit, AlertLevel.High)));
    }

    [Fact]
    public void Rules_from_thresholds_take_their_notify_lists_and_default_the_rest()
    {
        var threshold = new AlertThreshold
        {
            AlertType = "TravelPercent", AlertClass = "Position", MetricKey = "travel_percent", Condition = ThresholdCondition.Below,
            Low = 50, Medium = 70, High = 90, HighNotify = "SMS, voice",
        };
        var rule = AlertRule.FromThreshold(threshold, "risk_monitor");
        Assert.True(rule.Magnitude);
        Assert.Equal(["sms", "voice"], rule.ChannelsFor(AlertLevel.High));
        Assert.Equal(["email"], rule.ChannelsFor(AlertLevel.Low));
        Assert.Equal(["sms"], rule.ChannelsFor(AlertLevel.Medium));
        Assert.Equal(["sms", "voice", "sound"], AlertRule.DefaultChannels(AlertLevel.High));
    }

    [Fact]
    public void Equal_lines_still_have_a_margin()
    {
        var flat = Profit with { Low = 10, Medium = 10, High = 10 };
        Assert.Equal(AlertLevel.High, RuleEngine.NextLevel(flat, AlertLevel.High, 9.5));
        Assert.Null(RuleEngine.NextLevel(flat, AlertLevel.High, 8.9));
    }
}
