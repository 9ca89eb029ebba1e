using MimeKit;

namespace MonitorCore.Notifications.Tests.Email;

/// <summary>E-mail through a real SMTP server (aiosmtpd), plain text, with and without AUTH.</summary>
[Trait("Category", "Integration")]
public class EmailDeliveryTests
{
    private const string Password = "s3cret-Passw0rd";

    internal static MimeMessage Parse(ReceivedMail mail) =>
        MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Content)));

    [Fact]
    public async Task The_subject_and_body_arrive_from_and_to_the_configured_addresses()
    {
        await using var server = await SmtpServer.StartAsync();
        using var harness = new ChannelHarness(EmailChannelTests.Smtp(server.Host, server.Port));
        var channel = harness.Channel(ChannelNames.Email);

        var result = await channel.SendAsync(ChannelHarness.Message(idempotencyKey: "notification-42-email"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var mail = Assert.Single(server.Messages());
        Assert.Equal(mail.QueueId, result.ProviderMessageId);
        Assert.Equal("monitor@example.com", mail.MailFrom);
        Assert.Equal(["trader@example.com"], mail.RcptTos);
        Assert.False(mail.Tls);
        Assert.Null(mail.Login);
        var message = Parse(mail);
        Assert.Equal("Liquidation warning", message.Subject);
        Assert.Equal("SOL LONG is 4.2% from liquidation", message.TextBody?.Trim());
        Assert.Equal("notification-42-email@example.com", message.MessageId);
        Assert.Equal(ChannelHarness.Start, message.Date);
        Assert.Equal(MessagePriority.Urgent, message.Priority);
        Assert.Equal("trader@example.com", channel.DefaultRecipient);
    }

    [Fact]
    public async Task A_repeated_send_carries_the_same_message_id_so_it_can_be_recognised()
    {
        await using var server = await SmtpServer.StartAsync();
        using var harness = new ChannelHarness(EmailChannelTests.Smtp(server.Host, server.Port));
        var channel = harness.Channel(ChannelNames.Email);

        await channel.SendAsync(ChannelHarness.Message(idempotencyKey: "n7:email"), CancellationToken.None);
        await channel.SendAsync(ChannelHarness.Message(idempotencyKey: "n7:email"), CancellationToken.None);

        var ids = server.Messages().Select(m => Parse(m).MessageId).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal("x6e373a656d61696c@example.com", ids[0]); // ':' cannot be in a Message-ID: the key in hex
    }

    [Fact]
    public async Task A_recipient_on_the_message_replaces_the_default_and_from_defaults_to_to()
    {
        await using var server = await SmtpServer.StartAsync();
        var configuration = EmailChannelTests.Smtp(server.Host, server.Port);
        configuration.Remove("Notifications:Smtp:From");
        using var harness = new ChannelHarness(configuration);

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(recipient: "desk@example.org, phone@example.org"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var mail = Assert.Single(server.Messages());
        Assert.Equal("trader@example.com", mail.MailFrom);
        Assert.Equal(["desk@example.org", "phone@example.org"], mail.RcptTos);
    }

    [Fact]
    public async Task With_a_username_it_signs_in()
    {
        await using var server = await SmtpServer.StartAsync("trader", Password);
        var configuration = EmailChannelTests.Smtp(server.Host, server.Port);
        configuration["Notifications:Smtp:Username"] = "trader";
        configuration["Notifications:Smtp:Password"] = Password;
        using var harness = new ChannelHarness(configuration);

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("trader", Assert.Single(server.Messages()).Login);
    }

    [Fact]
    public async Task A_wrong_password_is_a_permanent_failure_that_does_not_show_the_password()
    {
        await using var server = await SmtpServer.StartAsync("trader", Password);
        var configuration = EmailChannelTests.Smtp(server.Host, server.Port);
        configuration["Notifications:Smtp:Username"] = "trader";
        configuration["Notifications:Smtp:Password"] = "wrong-Passw0rd";
        using var harness = new ChannelHarness(configuration);

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("authentication failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Passw0rd", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task A_server_that_requires_sign_in_without_a_username_configured_says_which_keys_to_set()
    {
        await using var server = await SmtpServer.StartAsync("trader", Password);
        using var harness = new ChannelHarness(EmailChannelTests.Smtp(server.Host, server.Port));

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Permanent, result.Error);
        Assert.Contains("requires sign-in", result.Error, StringComparison.Ordinal);
        Assert.Contains("Notifications:Smtp:Username", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody@example.com", true, "550")]
    [InlineData("busy@example.com", false, "451")]
    public async Task A_refused_recipient_is_permanent_for_5xx_and_transient_for_4xx_as_smtp_says(string recipient, bool permanent, string code)
    {
        await using var server = await SmtpServer.StartAsync();
        using var harness = new ChannelHarness(EmailChannelTests.Smtp(server.Host, server.Port));

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(recipient: recipient), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal(permanent, result.Permanent);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }
}
