using MonitorCore.Notifications.Twilio;

namespace MonitorCore.Notifications.Tests.Twilio;

/// <summary>SMS through a local server speaking Twilio's protocol.</summary>
public class TwilioSmsChannelTests : ChannelConformanceTests
{
    protected override string ChannelName => ChannelNames.Sms;

    protected override IReadOnlyList<string> RequiredKeys => TwilioConfiguration.RequiredKeys;

    protected override async Task<Hang> HangAsync()
    {
        var (server, arrived) = await TwilioConfiguration.HangingServerAsync();
        var configuration = TwilioConfiguration.For(server.BaseUri.ToString());
        configuration["Notifications:Twilio:Timeout"] = "00:00:07";
        return new Hang(configuration, TimeSpan.FromSeconds(7), arrived, server, [FakeTwilioServer.AuthToken]);
    }

    [Fact]
    public async Task The_message_is_posted_with_basic_auth_and_the_idempotency_token_and_its_sid_comes_back()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));
        var channel = harness.Channel(ChannelName);

        var result = await channel.SendAsync(ChannelHarness.Message(idempotencyKey: "notification-42-sms"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("SM0a1b2c3d4e5f60718293a4b5c6d7e8f9", result.ProviderMessageId);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages.json", request.PathAndQuery);
        Assert.Equal("notification-42-sms", request.Headers["I-Twilio-Idempotency-Token"]);
        var form = FakeTwilioServer.Form(request);
        Assert.Equal(FakeTwilioServer.ToNumber, form["To"]);
        Assert.Equal(FakeTwilioServer.FromNumber, form["From"]);
        Assert.Equal("Liquidation warning\nSOL LONG is 4.2% from liquidation", form["Body"]);
        Assert.Equal(FakeTwilioServer.ToNumber, channel.DefaultRecipient);
    }

    [Fact]
    public async Task A_recipient_on_the_message_replaces_the_configured_number()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(recipient: "+447700900123"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("+447700900123", FakeTwilioServer.Form(Assert.Single(twilio.Requests))["To"]);
    }

    [Fact]
    public async Task A_long_text_is_cut_to_twilios_limit()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(body: new string('x', 5000)), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var body = FakeTwilioServer.Form(Assert.Single(twilio.Requests))["Body"];
        Assert.Equal(TwilioSmsChannel.MaxLength, body.Length);
        Assert.EndsWith("…", body, StringComparison.Ordinal);
    }
}
