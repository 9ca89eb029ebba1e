namespace MonitorCore.Notifications.Tests.Email;

/// <summary>E-mail over TLS to a real SMTP server with a self-signed certificate: STARTTLS, Auto and TLS on connect.</summary>
[Trait("Category", "Integration")]
public class EmailTlsTests
{
    private static Dictionary<string, string?> Smtp(SmtpServer server, string security, bool allowInvalid = true)
    {
        var configuration = EmailChannelTests.Smtp(server.Host, server.Port, security);
        configuration["Notifications:Smtp:AllowInvalidCertificate"] = allowInvalid ? "true" : "false";
        return configuration;
    }

    [Theory]
    [InlineData(SmtpServerTls.StartTls, "StartTls")]
    [InlineData(SmtpServerTls.StartTls, "Auto")]
    [InlineData(SmtpServerTls.Implicit, "SslOnConnect")]
    public async Task The_message_goes_over_tls(SmtpServerTls tls, string security)
    {
        await using var server = await SmtpServer.StartAsync("trader", "pw-over-tls", tls);
        var configuration = Smtp(server, security);
        configuration["Notifications:Smtp:Username"] = "trader";
        configuration["Notifications:Smtp:Password"] = "pw-over-tls";
        using var harness = new ChannelHarness(configuration);

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        var mail = Assert.Single(server.Messages());
        Assert.True(mail.Tls);
        Assert.Equal("trader", mail.Login);
        Assert.Equal("Liquidation warning", EmailDeliveryTests.Parse(mail).Subject);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_unless_allowed()
    {
        await using var server = await SmtpServer.StartAsync(tls: SmtpServerTls.StartTls);
        using var harness = new ChannelHarness(Smtp(server, "StartTls", allowInvalid: false));

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("TLS handshake", result.Error, StringComparison.Ordinal);
        Assert.Contains("Notifications:Smtp:AllowInvalidCertificate", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task StartTls_against_a_server_without_it_is_permanent()
    {
        await using var server = await SmtpServer.StartAsync();
        using var harness = new ChannelHarness(Smtp(server, "StartTls"));

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("STARTTLS", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_sends_in_plain_text_to_a_server_without_tls()
    {
        await using var server = await SmtpServer.StartAsync();
        using var harness = new ChannelHarness(Smtp(server, "Auto"));

        var result = await harness.Channel(ChannelNames.Email).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.False(Assert.Single(server.Messages()).Tls);
    }
}
