namespace MonitorCore.Tests;

/// <summary>Durations typed by a person: a number with a unit or hh:mm:ss, never a bare number.</summary>
public class DurationsTests
{
    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("00:30:00", 1800)]
    [InlineData("1.00:00:00", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d2h3m4s", 93784)]
    [InlineData(" 2H ", 7200)]
    [InlineData("30M", 1800)]
    [InlineData("3660d", 3660 * 86400)]
    public void A_number_with_a_unit_or_a_time_of_day_form_is_a_duration(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));
    }

    [Theory]
    [InlineData("30", "write it with a unit")]
    [InlineData("1800", "write it with a unit")]
    [InlineData("", "write it with a unit")]
    [InlineData("   ", "write it with a unit")]
    [InlineData("soon", "write it with a unit")]
    [InlineData("30 minutes", "write it with a unit")]
    [InlineData("m", "write it with a unit")]
    [InlineData("-30m", "is negative")]
    [InlineData("-5", "is negative")]
    [InlineData("-00:30:00", "is not a positive duration")]
    [InlineData("0m", "is not a positive duration")]
    [InlineData("0s", "is not a positive duration")]
    [InlineData("00:00:00", "is not a positive duration")]
    [InlineData("99999999999d", "longer than 3660 days")]
    [InlineData("9999999999s", "longer than 3660 days")]
    [InlineData("3661d", "longer than 3660 days")]
    [InlineData("87841h", "longer than 3660 days")]
    [InlineData("3660d1s", "longer than 3660 days")]
    [InlineData("5000.00:00:00", "longer than 3660 days")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(Durations.TryParse(text, out var duration, out var problem));

        Assert.Equal(TimeSpan.Zero, duration);
        Assert.StartsWith($"'{text}' ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => Durations.Parse(text));
        Assert.Equal(problem, ex.Message);
    }

    [Fact]
    public void Nothing_at_all_is_refused()
    {
        Assert.False(Durations.TryParse(null, out _, out var problem));
        Assert.Contains("write it with a unit", problem, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Durations.Parse(null));
    }

    [Fact]
    public void The_longest_duration_is_ten_years()
    {
        Assert.Equal(TimeSpan.FromDays(3660), Durations.Longest);
    }

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(1800, "30m")]
    [InlineData(7200, "2h")]
    [InlineData(5400, "1h30m")]
    [InlineData(86400, "1d")]
    [InlineData(93784, "1d2h3m4s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(0, "0s")]
    [InlineData(-5, "0s")]
    public void A_duration_reads_with_its_units(double seconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(59)]
    [InlineData(90)]
    [InlineData(3599)]
    [InlineData(5400)]
    [InlineData(86399)]
    [InlineData(90061)]
    [InlineData(2.25)]
    [InlineData(3660 * 86400)]
    public void What_format_writes_parse_reads_back(double seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);

        Assert.Equal(duration, Durations.Parse(Durations.Format(duration)));
    }
}
