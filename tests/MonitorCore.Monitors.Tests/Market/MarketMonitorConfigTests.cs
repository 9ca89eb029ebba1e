using System.Text.Json;
using MonitorCore.Json;
using MonitorCore.Monitors.Market;

namespace MonitorCore.Monitors.Tests.Market;

public sealed class MarketMonitorConfigTests
{
    private static IReadOnlyList<string> ProblemsOf(MarketMonitorConfig config) => config.Problems();

    private static MarketMonitorConfig WithWindow(string window, double threshold, MoveDirection direction = MoveDirection.Both) =>
        new() { Windows = [new WindowSetting(window, threshold, direction)] };

    private static MarketMonitorConfig WithAnchor(string asset, AnchorSetting anchor) => new MarketMonitorConfig().WithAnchor(asset, anchor);

    [Fact]
    public void Nothing_set_is_valid_and_a_full_config_is_valid()
    {
        Assert.Empty(ProblemsOf(new MarketMonitorConfig()));
        var full = new MarketMonitorConfig
        {
            Windows = [new("1h", 1.5, MoveDirection.Up), new("6h", 3, MoveDirection.Down), new("24h", 5, MoveDirection.Both)],
        }.WithAnchor("SOL", new AnchorSetting { Price = 180, DeltaPercent = 4, Mode = RearmMode.Single, Disarmed = true });
        Assert.Empty(ProblemsOf(full));
    }

    [Theory]
    [InlineData("2h", 2, "unknown window '2h'; known: 1h, 6h, 24h")]
    [InlineData("1h", 0, "windows 1h: threshold_percent must be a number above 0, got 0")]
    [InlineData("6h", -1, "windows 6h: threshold_percent must be a number above 0, got -1")]
    [InlineData("24h", double.NaN, "windows 24h: threshold_percent must be a number above 0, got NaN")]
    public void A_window_needs_a_known_name_and_a_threshold_above_zero(string window, double threshold, string problem) =>
        Assert.Contains(problem, Assert.Single(ProblemsOf(WithWindow(window, threshold))), StringComparison.Ordinal);

    [Fact]
    public void A_window_set_twice_or_with_an_unknown_direction_is_refused()
    {
        var twice = new MarketMonitorConfig { Windows = [new("1h", 2, MoveDirection.Up), new("1h", 3, MoveDirection.Down)] };
        Assert.Equal(["windows: 1h is set 2 times"], ProblemsOf(twice));
        Assert.Equal(["windows 1h: direction must be UP, DOWN or BOTH"], ProblemsOf(WithWindow("1h", 2, (MoveDirection)7)));
    }

    public static TheoryData<string, AnchorSetting, string> BadAnchors => new()
    {
        { "SOL", new AnchorSetting { DeltaPercent = 0 }, "anchors SOL: delta_percent must be above 0 and below 100, got 0" },
        { "SOL", new AnchorSetting { DeltaPercent = 100 }, "anchors SOL: delta_percent must be above 0 and below 100, got 100" },
        { "SOL", new AnchorSetting { Price = -5 }, "anchors SOL: price must be a number above 0 (or null to anchor at the next price), got -5" },
        { "SOL", new AnchorSetting { Mode = (RearmMode)9 }, "anchors SOL: mode must be LADDER, RESET or SINGLE" },
        { "sol", new AnchorSetting(), "anchors: 'sol' is not an asset symbol (2-10 upper-case letters or digits)" },
    };

    [Theory]
    [MemberData(nameof(BadAnchors))]
    public void An_anchor_needs_a_symbol_a_delta_between_0_and_100_a_positive_price_and_a_known_mode(string asset, AnchorSetting anchor, string problem) =>
        Assert.Equal([problem], ProblemsOf(WithAnchor(asset, anchor)));

    [Fact]
    public void Rearm_clears_the_disarmed_flag_and_anchors_at_the_next_price_keeping_delta_and_mode()
    {
        var config = WithAnchor("SOL", new AnchorSetting { Price = 100, DeltaPercent = 4, Mode = RearmMode.Single, Disarmed = true });

        var rearmed = config.Rearm("SOL");

        Assert.Equal(new AnchorSetting { Price = null, DeltaPercent = 4, Mode = RearmMode.Single, Disarmed = false }, rearmed.Anchors["SOL"]);
        Assert.True(config.Anchors["SOL"].Disarmed); // records: the original is untouched
    }

    [Fact]
    public void Directions_and_modes_have_the_vocabulary_words_and_read_in_any_casing()
    {
        Assert.Equal(["BOTH", "UP", "DOWN"], Vocabulary.Words<MoveDirection>());
        Assert.Equal(["LADDER", "RESET", "SINGLE"], Vocabulary.Words<RearmMode>());
        Assert.Equal(MoveDirection.Down, Vocabulary.Parse<MoveDirection>("down"));
        Assert.Equal(RearmMode.Single, Vocabulary.Parse<RearmMode>("Single"));
        Assert.False(Vocabulary.TryParse<MoveDirection>("2", out _));
        Assert.Contains("LADDER, RESET, SINGLE", Assert.Throws<FormatException>(() => Vocabulary.Parse<RearmMode>("once")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stored_config_is_written_with_the_words_and_reads_the_older_lower_case_ones()
    {
        var config = WithWindow("1h", 2, MoveDirection.Down).WithAnchor("BTC", new AnchorSetting { Price = 50000, Mode = RearmMode.Single });

        var json = JsonSerializer.Serialize(config, MonitorCoreJson.Options);

        Assert.Contains("\"direction\":\"DOWN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"SINGLE\"", json, StringComparison.Ordinal);
        var old = JsonSerializer.Deserialize<MarketMonitorConfig>(
            """{"windows":[{"window":"6h","threshold_percent":3,"direction":"up"}],"anchors":{"ETH":{"price":null,"delta_percent":2,"mode":"ladder","disarmed":false}}}""",
            MonitorCoreJson.Options)!;
        Assert.Equal(MoveDirection.Up, Assert.Single(old.Windows).Direction);
        Assert.Equal(RearmMode.Ladder, old.Anchors["ETH"].Mode);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MarketMonitorConfig>(
            """{"windows":[{"window":"6h","threshold_percent":3,"direction":1}]}""", MonitorCoreJson.Options));
    }
}
