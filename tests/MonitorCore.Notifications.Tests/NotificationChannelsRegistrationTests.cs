using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Notifications.Twilio;

namespace MonitorCore.Notifications.Tests;

/// <summary><c>AddNotificationChannels</c>: every channel once, the account check, options checked with their full keys.</summary>
public class NotificationChannelsRegistrationTests
{
    [Fact]
    public void Every_channel_is_registered_once_as_a_singleton_with_the_account_check()
    {
        using var harness = new ChannelHarness(new Dictionary<string, string?>());

        var channels = harness.Services.GetServices<INotificationChannel>().ToList();

        Assert.Equal(
            new[] { ChannelNames.Email, ChannelNames.Sms, ChannelNames.Voice, ChannelNames.Slack, ChannelNames.Sound, ChannelNames.Webhook }.Order(),
            channels.Select(c => c.Name).Order());
        Assert.Equal(channels.Select(c => c.Name).Order(), harness.Services.GetRequiredService<ChannelCatalog>().Names);
        Assert.Same(channels[0], harness.Services.GetServices<INotificationChannel>().First());
        Assert.NotNull(harness.Services.GetRequiredService<TwilioAccountClient>());
    }

    [Fact]
    public void The_keys_the_legacy_environment_names_map_to_configure_the_channels()
    {
        // The targets of LegacyEnvironmentSource (TWILIO_*, MY_PHONE_NUMBER, SMTP_*, SLACK_WEBHOOK).
        using var harness = new ChannelHarness(new Dictionary<string, string?>
        {
            ["Notifications:Twilio:AccountSid"] = FakeTwilioServer.AccountSid,
            ["Notifications:Twilio:AuthToken"] = FakeTwilioServer.AuthToken,
            ["Notifications:Twilio:FromNumber"] = FakeTwilioServer.FromNumber,
            ["Notifications:Twilio:ToNumber"] = FakeTwilioServer.ToNumber,
            ["Notifications:Smtp:Host"] = "smtp.example.com",
            ["Notifications:Smtp:Port"] = "465",
            ["Notifications:Smtp:Username"] = "trader",
            ["Notifications:Smtp:Password"] = "pw",
            ["Notifications:Smtp:To"] = "trader@example.com",
            ["Notifications:Slack:WebhookUrl"] = "https://hooks.slack.com/services/T0/B0/XYZ",
        });

        foreach (var name in new[] { ChannelNames.Email, ChannelNames.Sms, ChannelNames.Voice, ChannelNames.Slack })
        {
            Assert.Null(harness.Channel(name).NotConfiguredReason);
        }

        Assert.Equal("hooks.slack.com", harness.Channel(ChannelNames.Slack).DefaultRecipient);
        Assert.NotNull(harness.Channel(ChannelNames.Webhook).NotConfiguredReason);
    }

    [Fact]
    public void Bad_options_are_reported_with_their_full_key_and_without_the_secret_value()
    {
        var problems = ChannelHarness.ProblemsOf(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Port"] = "0",
            ["Notifications:Smtp:To"] = "not an address",
            ["Notifications:Smtp:Timeout"] = "00:00:00",
            ["Notifications:Twilio:BaseUrl"] = "api.twilio.com",
            ["Notifications:Slack:WebhookUrl"] = "ftp://hooks.example.com/secret-path-123",
            ["Notifications:Webhook:Url"] = "/relative",
            ["Notifications:Sound:Timeout"] = "01:00:00",
        });

        foreach (var key in new[]
        {
            "Notifications:Smtp:Port:", "Notifications:Smtp:To:", "Notifications:Smtp:Timeout:", "Notifications:Twilio:BaseUrl:",
            "Notifications:Slack:WebhookUrl:", "Notifications:Webhook:Url:", "Notifications:Sound:Timeout:",
        })
        {
            Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(problems, p => p.Contains("secret-path-123", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_key_is_reported_with_its_section()
    {
        var problems = ChannelHarness.ProblemsOf(new Dictionary<string, string?> { ["Notifications:Smtp:Hots"] = "smtp.example.com" });

        Assert.Contains(problems, p => p.StartsWith("Notifications:Smtp", StringComparison.Ordinal) && p.Contains("Hots", StringComparison.Ordinal));
    }
}
