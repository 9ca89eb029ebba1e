namespace MonitorCore.Notifications.Tests.Twilio;

/// <summary>How the SMS and voice channels read Twilio's answers, each as a real Twilio sends it.</summary>
public class TwilioAnswerTests
{
    [Theory]
    [InlineData(ChannelNames.Sms)]
    [InlineData(ChannelNames.Voice)]
    public async Task Wrong_credentials_are_a_permanent_authentication_failure_that_does_not_show_the_token(string channel)
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl, token: "0123456789abcdef-wrong-token"));

        var result = await harness.Channel(channel).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("authentication failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("20003", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChannelNames.Sms)]
    [InlineData(ChannelNames.Voice)]
    public async Task An_invalid_number_is_permanent_naming_twilios_code_and_message(string channel)
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var result = await harness.Channel(channel).SendAsync(ChannelHarness.Message(recipient: "+1555NOTANUMBER"), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("21211", result.Error, StringComparison.Ordinal);
        Assert.Contains("Invalid 'To' Phone Number", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChannelNames.Sms)]
    [InlineData(ChannelNames.Voice)]
    public async Task Too_many_requests_is_transient_with_the_wait_twilio_asked_for(string channel)
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        twilio.Then(new FakeTwilioServer.Answer(
            429, """{"code": 20429, "message": "Too Many Requests", "status": 429}""", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var result = await harness.Channel(channel).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Contains("20429", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChannelNames.Sms, 500)]
    [InlineData(ChannelNames.Voice, 503)]
    public async Task A_server_error_is_transient(string channel, int status)
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        twilio.Then(new FakeTwilioServer.Answer(status, "<html><body>Service Unavailable</body></html>"));
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var result = await harness.Channel(channel).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Null(result.RetryAfter);
        Assert.Contains($"HTTP {status}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChannelNames.Sms)]
    [InlineData(ChannelNames.Voice)]
    public async Task A_refused_connection_is_transient(string channel)
    {
        using var harness = new ChannelHarness(TwilioConfiguration.For(LocalHttpServer.RefusedUrl()));

        var result = await harness.Channel(channel).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal("Twilio: unreachable: ConnectionRefused", result.Error);
    }
}
