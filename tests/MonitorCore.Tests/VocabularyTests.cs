using MonitorCore.Alerts;
using MonitorCore.Health;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;
using MonitorCore.Positions;

namespace MonitorCore.Tests;

/// <summary>The one vocabulary of enum words (docs/behaviour.md §10).</summary>
public class VocabularyTests
{
    [Fact]
    public void Every_vocabulary_enum_has_the_upper_snake_case_words_of_the_behaviour()
    {
        Assert.Equal(["LONG", "SHORT"], Vocabulary.Words<PositionType>());
        Assert.Equal(["ACTIVE", "STALE_CLOSED", "CLOSED"], Vocabulary.Words<PositionStatus>());
        Assert.Equal(["LOW", "MEDIUM", "HIGH"], Vocabulary.Words<AlertLevel>());
        Assert.Equal(["FIRING", "RESOLVED"], Vocabulary.Words<AlertState>());
        Assert.Equal(["ABOVE", "BELOW"], Vocabulary.Words<ThresholdCondition>());
        Assert.Equal(["PENDING", "FAILED", "SENT", "DEAD", "SKIPPED"], Vocabulary.Words<NotificationStatus>());
        Assert.Equal(["GLOBAL", "MONITOR", "ALERT"], Vocabulary.Words<SnoozeScope>());
    }

    [Fact]
    public void Each_value_has_its_word()
    {
        Assert.Equal("SHORT", PositionType.Short.Word());
        Assert.Equal("STALE_CLOSED", PositionStatus.StaleClosed.Word());
        Assert.Equal("MEDIUM", AlertLevel.Medium.Word());
        Assert.Equal("RESOLVED", AlertState.Resolved.Word());
        Assert.Equal("BELOW", ThresholdCondition.Below.Word());
        Assert.Equal("SKIPPED", NotificationStatus.Skipped.Word());
        Assert.Equal("MONITOR", SnoozeScope.Monitor.Word());
    }

    [Fact]
    public void The_run_status_and_the_health_keep_their_names()
    {
        Assert.Equal(["Success", "Warning", "Error", "Skipped", "Disabled"], Vocabulary.Words<MonitorStatus>());
        Assert.Equal("Success", MonitorStatus.Success.Word());
        Assert.Equal(["Healthy", "Warning", "Error", "Offline"], Vocabulary.Words<MonitorHealth>());
        Assert.Equal(MonitorStatus.Disabled, Vocabulary.Parse<MonitorStatus>("DISABLED"));
        Assert.Equal(MonitorHealth.Offline, Vocabulary.Parse<MonitorHealth>("offline"));
    }

    [Fact]
    public void Every_word_of_every_enum_reads_back_as_its_value()
    {
        RoundTrips<PositionType>();
        RoundTrips<PositionStatus>();
        RoundTrips<AlertLevel>();
        RoundTrips<AlertState>();
        RoundTrips<ThresholdCondition>();
        RoundTrips<NotificationStatus>();
        RoundTrips<SnoozeScope>();
        RoundTrips<MonitorStatus>();
        RoundTrips<MonitorHealth>();
    }

    [Theory]
    [InlineData("high")]
    [InlineData("High")]
    [InlineData("HIGH")]
    [InlineData("hIgH")]
    [InlineData("  high ")]
    public void A_word_is_read_in_any_casing(string text)
    {
        Assert.True(Vocabulary.TryParse<AlertLevel>(text, out var level));
        Assert.Equal(AlertLevel.High, level);
        Assert.Equal(AlertLevel.High, Vocabulary.Parse<AlertLevel>(text));
    }

    [Theory]
    [InlineData("STALE_CLOSED")]
    [InlineData("stale_closed")]
    [InlineData("StaleClosed")]
    [InlineData("staleclosed")]
    [InlineData("STALECLOSED")]
    public void The_member_name_is_read_as_well_as_the_word(string text)
    {
        Assert.True(Vocabulary.TryParse<PositionStatus>(text, out var status));
        Assert.Equal(PositionStatus.StaleClosed, status);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1,3")]
    public void Numbers_are_refused_even_when_they_are_the_value_of_a_member(string text)
    {
        Assert.False(Vocabulary.TryParse<AlertLevel>(text, out var level));
        Assert.Equal(default, level);
        var ex = Assert.Throws<FormatException>(() => Vocabulary.Parse<AlertLevel>(text));
        Assert.Equal($"'{text}' is not one of LOW, MEDIUM, HIGH.", ex.Message);
    }

    [Theory]
    [InlineData("LOUD")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("HIGH_")]
    [InlineData("HI GH")]
    public void Unknown_words_are_refused_with_the_words_there_are(string? text)
    {
        Assert.False(Vocabulary.TryParse<AlertLevel>(text, out _));
        var ex = Assert.Throws<FormatException>(() => Vocabulary.Parse<AlertLevel>(text));
        Assert.Contains("LOW, MEDIUM, HIGH", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_of_another_enum_is_refused()
    {
        Assert.False(Vocabulary.TryParse<PositionStatus>("LONG", out _));
        var ex = Assert.Throws<FormatException>(() => Vocabulary.Parse<NotificationStatus>("FIRING"));
        Assert.Contains("PENDING, FAILED, SENT, DEAD, SKIPPED", ex.Message, StringComparison.Ordinal);
    }

    private static void RoundTrips<T>()
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Assert.Equal(values.Length, Vocabulary.Words<T>().Count);
        foreach (var value in values)
        {
            var word = value.Word();
            foreach (var text in new[] { word, word.ToLowerInvariant(), word.ToUpperInvariant(), value.ToString() })
            {
                Assert.True(Vocabulary.TryParse<T>(text, out var back), $"{typeof(T).Name}: '{text}' was refused");
                Assert.Equal(value, back);
            }
        }
    }
}
