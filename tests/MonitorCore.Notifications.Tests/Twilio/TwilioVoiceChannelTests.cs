using MonitorCore.Notifications.Twilio;

namespace MonitorCore.Notifications.Tests.Twilio;

/// <summary>Phone calls through a local server speaking Twilio's protocol: inline TwiML that reads the alert aloud.</summary>
public class TwilioVoiceChannelTests : ChannelConformanceTests
{
    protected override string ChannelName => ChannelNames.Voice;

    protected override IReadOnlyList<string> RequiredKeys => TwilioConfiguration.RequiredKeys;

    protected override async Task<Hang> HangAsync()
    {
        var (server, arrived) = await TwilioConfiguration.HangingServerAsync();
        var configuration = TwilioConfiguration.For(server.BaseUri.ToString());
        configuration["Notifications:Twilio:Timeout"] = "00:00:07";
        return new Hang(configuration, TimeSpan.FromSeconds(7), arrived, server, [FakeTwilioServer.AuthToken]);
    }

    [Fact]
    public async Task The_call_says_the_alert_in_escaped_twiml_and_its_sid_comes_back()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));
        var message = ChannelHarness.Message(subject: "Liquidation warning!", body: "SOL <LONG> & BTC\nnear liquidation", idempotencyKey: "notification-42-voice");

        var result = await harness.Channel(ChannelName).SendAsync(message, CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("CA9f8e7d6c5b4a39281706f5e4d3c2b1a0", result.ProviderMessageId);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Calls.json", request.PathAndQuery);
        Assert.Equal("notification-42-voice", request.Headers["I-Twilio-Idempotency-Token"]);
        var form = FakeTwilioServer.Form(request);
        Assert.Equal(FakeTwilioServer.ToNumber, form["To"]);
        Assert.Equal(FakeTwilioServer.FromNumber, form["From"]);
        Assert.Equal("<Response><Say>Liquidation warning. SOL &lt;LONG&gt; &amp; BTC near liquidation</Say></Response>", form["Twiml"]);
    }

    [Fact]
    public void A_long_text_is_cut_at_a_word_and_control_characters_are_not_spoken()
    {
        var words = string.Join(' ', Enumerable.Repeat("position", 100));
        var spoken = TwilioVoiceChannel.Speakable(ChannelHarness.Message(subject: "Heat\tindex\u0007 high", body: words));

        Assert.StartsWith("Heat index high. position position", spoken, StringComparison.Ordinal);
        Assert.True(spoken.Length <= TwilioVoiceChannel.MaxSpokenLength + 1, spoken);
        Assert.EndsWith("position.", spoken, StringComparison.Ordinal);
    }
}
