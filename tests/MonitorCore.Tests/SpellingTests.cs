namespace MonitorCore.Tests;

/// <summary>"Did you mean": the known word nearest to a typo, and only when it is near.</summary>
public class SpellingTests
{
    private static readonly string[] Channels = ["email", "sms", "voice", "slack", "sound", "webhook"];

    [Theory]
    [InlineData("voce", "voice")]
    [InlineData("emial", "email")]
    [InlineData("emai", "email")]
    [InlineData("EMIAL", "email")]
    [InlineData("slak", "slack")]
    [InlineData("smss", "sms")]
    [InlineData("webhok", "webhook")]
    [InlineData("wbehookk", "webhook")]
    public void A_typo_gets_the_nearest_word(string typed, string expected)
    {
        Assert.Equal(expected, Spelling.Nearest(typed, Channels));
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("pager")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("vo")]
    [InlineData("webhookkkkk")]
    public void A_word_far_from_every_candidate_gets_no_suggestion(string typed)
    {
        Assert.Null(Spelling.Nearest(typed, Channels));
    }

    [Fact]
    public void A_suggestion_is_never_more_than_three_edits_away_however_long_the_word()
    {
        string[] monitors = ["liquidation_monitor", "price_monitor"];

        Assert.Equal("liquidation_monitor", Spelling.Nearest("liquidation_mxxxtor", monitors));
        Assert.Null(Spelling.Nearest("liquidation_mxxxxor", monitors));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("EMAIL")]
    public void A_known_word_is_not_a_typo(string typed)
    {
        Assert.Null(Spelling.Nearest(typed, Channels));
    }

    [Fact]
    public void No_candidates_no_suggestion()
    {
        Assert.Null(Spelling.Nearest("voce", []));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("emial", "email", 1)]
    [InlineData("voce", "voice", 1)]
    [InlineData("", "sms", 3)]
    [InlineData("sms", "", 3)]
    [InlineData("sms", "sms", 0)]
    [InlineData("ab", "ba", 1)]
    [InlineData("abcd", "badc", 2)]
    public void The_distance_counts_edits_and_a_swap_of_neighbours_as_one(string a, string b, int expected)
    {
        Assert.Equal(expected, Spelling.Distance(a, b));
        Assert.Equal(expected, Spelling.Distance(b, a));
    }
}
