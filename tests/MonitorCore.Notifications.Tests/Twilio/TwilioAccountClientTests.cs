using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Notifications.Twilio;

namespace MonitorCore.Notifications.Tests.Twilio;

/// <summary>The account check behind <c>twilio_monitor</c>, against a local server speaking Twilio's protocol.</summary>
public class TwilioAccountClientTests
{
    private static Task<TwilioAccountCheck> CheckAsync(ChannelHarness harness) =>
        harness.Services.GetRequiredService<TwilioAccountClient>().CheckAsync(CancellationToken.None);

    [Fact]
    public async Task Good_credentials_give_the_account_status_and_name()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl));

        var check = await CheckAsync(harness);

        Assert.Equal(new TwilioAccountCheck(true, "active", "Monitor Core test account", null), check);
        Assert.True(check.IsActive);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal(("GET", $"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}.json"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task Wrong_credentials_are_a_result_that_does_not_show_the_token()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        using var harness = new ChannelHarness(TwilioConfiguration.For(twilio.BaseUrl, token: "0123456789abcdef-wrong-token"));

        var check = await CheckAsync(harness);

        Assert.False(check.Verified);
        Assert.False(check.IsActive);
        Assert.Contains("authentication failed", check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_it_names_the_keys()
    {
        using var harness = new ChannelHarness(new Dictionary<string, string?>());

        var check = await CheckAsync(harness);

        Assert.False(check.Verified);
        Assert.Contains("Notifications:Twilio:AccountSid (or TWILIO_ACCOUNT_SID)", check.Error, StringComparison.Ordinal);
        Assert.Contains("Notifications:Twilio:AuthToken (or TWILIO_AUTH_TOKEN)", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_twilio_is_a_result()
    {
        using var harness = new ChannelHarness(TwilioConfiguration.For(LocalHttpServer.RefusedUrl()));

        var check = await CheckAsync(harness);

        Assert.Equal(TwilioAccountCheck.Failed("Twilio: unreachable: ConnectionRefused"), check);
    }
}
