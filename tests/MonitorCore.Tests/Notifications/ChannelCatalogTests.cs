using MonitorCore.Notifications;

namespace MonitorCore.Tests.Notifications;

/// <summary>Channel names typed by a person are checked against the registered channels, with a "did you mean".</summary>
public class ChannelCatalogTests
{
    private sealed class FakeChannel(string name, string recipient = "someone") : INotificationChannel
    {
        public string Name => name;

        public string? NotConfiguredReason => null;

        public string DefaultRecipient => recipient;

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Success());
    }

    private static readonly ChannelCatalog Catalog = new(
        [new FakeChannel("voice"), new FakeChannel("sms"), new FakeChannel("email"), new FakeChannel("pager")]);

    [Fact]
    public void The_names_are_the_registered_channels_sorted()
    {
        Assert.Equal(["email", "pager", "sms", "voice"], Catalog.Names);
        Assert.Equal(4, Catalog.All.Count);
        Assert.Equal("pager", Catalog.Find("pager")!.Name);
        Assert.Null(Catalog.Find("slack"));
    }

    [Fact]
    public void A_channel_registered_twice_is_listed_once_and_the_first_wins()
    {
        var catalog = new ChannelCatalog([new FakeChannel("sms", "first"), new FakeChannel("sms", "second")]);

        Assert.Equal(["sms"], catalog.Names);
        Assert.Equal("first", catalog.Find("sms")!.DefaultRecipient);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sms")]
    [InlineData("sms,voice")]
    [InlineData("SMS, Voice")]
    [InlineData(" email ,, pager ,")]
    [InlineData("sms,sms")]
    public void A_list_of_registered_channels_in_any_casing_has_no_problem(string? list)
    {
        Assert.Null(Catalog.Problem(list));
    }

    [Fact]
    public void A_typo_is_refused_with_a_suggestion_and_the_channels_there_are()
    {
        var problem = Catalog.Problem("voce,sms");

        Assert.Equal("unknown channel 'voce' (did you mean 'voice'?); the channels are email, pager, sms, voice", problem);
    }

    [Fact]
    public void Every_unknown_name_is_named_each_with_its_own_suggestion()
    {
        var problem = Catalog.Problem("emial,sms,telegram,Pagr");

        Assert.Equal(
            "unknown channel 'emial' (did you mean 'email'?); 'telegram'; 'pagr' (did you mean 'pager'?); the channels are email, pager, sms, voice",
            problem);
    }

    [Fact]
    public void None_is_allowed_only_when_asked()
    {
        Assert.Equal("unknown channel 'none'; the channels are email, pager, sms, voice", Catalog.Problem("none"));
        Assert.Null(Catalog.Problem("none", allowNone: true));
        Assert.Null(Catalog.Problem("NONE", allowNone: true));
        Assert.Equal("unknown channel 'nope'; the channels are email, pager, sms, voice, or none", Catalog.Problem("nope", allowNone: true));
    }

    [Theory]
    [InlineData("voce", "voice")]
    [InlineData("emial", "email")]
    [InlineData("smss", "sms")]
    [InlineData("pagr", "pager")]
    public void Suggest_gives_the_nearest_registered_name(string typed, string expected)
    {
        Assert.Equal(expected, Catalog.Suggest(typed));
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("slack")]
    [InlineData("webhook")]
    public void Suggest_gives_nothing_for_a_name_far_from_every_registered_one(string typed)
    {
        Assert.Null(Catalog.Suggest(typed));
    }

    [Fact]
    public void Split_reads_a_typed_list_as_distinct_lower_case_names()
    {
        Assert.Equal(["sms", "voice"], ChannelCatalog.Split(" SMS, Voice,,sms "));
        Assert.Empty(ChannelCatalog.Split(null));
        Assert.Empty(ChannelCatalog.Split(" , "));
    }
}
