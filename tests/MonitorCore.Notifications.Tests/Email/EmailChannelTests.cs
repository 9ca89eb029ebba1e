using MonitorCore.Notifications.Email;

namespace MonitorCore.Notifications.Tests.Email;

/// <summary>
/// What the e-mail channel does before an SMTP server answers: the conformance checks against a
/// silent port, a refused connection, a recipient that is not an address. Delivery through a real
/// SMTP server is in <see cref="EmailDeliveryTests"/>.
/// </summary>
public class EmailChannelTests : ChannelConformanceTests
{
    private const string Password = "s3cret-Passw0rd";

    protected override string ChannelName => ChannelNames.Email;

    protected override IReadOnlyList<string> RequiredKeys =>
        ["Notifications:Smtp:Host", "SMTP_SERVER", "Notifications:Smtp:To", "SMTP_DEFAULT_RECIPIENT"];

    protected override Task<Hang> HangAsync()
    {
        var silent = new SilentTcpServer();
        var configuration = Smtp("127.0.0.1", silent.Port);
        configuration["Notifications:Smtp:Timeout"] = "00:00:05";
        configuration["Notifications:Smtp:Username"] = "trader";
        configuration["Notifications:Smtp:Password"] = Password;
        return Task.FromResult(new Hang(configuration, TimeSpan.FromSeconds(5), silent.Accepted, silent, [Password]));
    }

    internal static Dictionary<string, string?> Smtp(string host, int port, string security = "None") => new()
    {
        ["Notifications:Smtp:Host"] = host,
        ["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = security,
        ["Notifications:Smtp:From"] = "Monitor Core <monitor@example.com>",
        ["Notifications:Smtp:To"] = "trader@example.com",
    };

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        using var harness = new ChannelHarness(Smtp("127.0.0.1", LoopbackPorts.Refused));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_that_is_not_an_address_is_permanent()
    {
        using var harness = new ChannelHarness(Smtp("127.0.0.1", LoopbackPorts.Refused));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(recipient: "+15558675310"), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.Contains("not an e-mail address", result.Error, StringComparison.Ordinal);
    }
}
