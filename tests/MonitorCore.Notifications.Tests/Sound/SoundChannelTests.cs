using Microsoft.Extensions.Options;
using MonitorCore.Notifications.Sound;

namespace MonitorCore.Notifications.Tests.Sound;

/// <summary>The sound channel running real commands (<c>true</c>, <c>sh</c>, <c>python3</c>) and ringing the bell.</summary>
[Trait("Category", "Integration")]
public class SoundChannelTests : ChannelConformanceTests
{
    protected override string ChannelName => ChannelNames.Sound;

    /// <summary>Always configured: with no command it rings the terminal bell.</summary>
    protected override IReadOnlyList<string> RequiredKeys => [];

    /// <summary>A command that connects to a silent port (so the test knows it runs) and then sleeps.</summary>
    protected override Task<Hang> HangAsync()
    {
        var silent = new SilentTcpServer();
        var configuration = Command("/usr/bin/python3", "-c", $"import socket, time; s = socket.create_connection(('127.0.0.1', {silent.Port})); time.sleep(120)");
        configuration["Notifications:Sound:Timeout"] = "00:00:02";
        return Task.FromResult(new Hang(configuration, TimeSpan.FromSeconds(2), silent.Accepted, silent, []));
    }

    private static Dictionary<string, string?> Command(string command, params string[] arguments)
    {
        var configuration = new Dictionary<string, string?> { ["Notifications:Sound:Command"] = command };
        for (var i = 0; i < arguments.Length; i++)
        {
            configuration[$"Notifications:Sound:Arguments:{i}"] = arguments[i];
        }

        return configuration;
    }

    [Fact]
    public async Task A_command_that_exits_0_is_delivered()
    {
        using var harness = new ChannelHarness(Command("true"));
        var channel = harness.Channel(ChannelName);

        var result = await channel.SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Success(), result);
        Assert.Equal("true", channel.DefaultRecipient);
    }

    [Fact]
    public async Task A_command_that_exits_3_fails_naming_the_code_and_its_error_output()
    {
        using var harness = new ChannelHarness(Command("sh", "-c", "echo 'no sound device' >&2; exit 3"));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal("sound: 'sh' exited with 3: no sound device", result.Error);
    }

    [Fact]
    public async Task The_placeholders_become_the_messages_text_each_as_one_argument()
    {
        using var folder = new TempDirectory();
        var output = folder.File("said.txt");
        using var harness = new ChannelHarness(Command("sh", "-c", "printf '%s|%s' \"$1\" \"$2\" > \"$3\"", "sh", "{subject}", "{level}", output));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(subject: "SOL 'LONG' $HOME; rm -rf /"), CancellationToken.None);

        Assert.True(result.Delivered, result.Error);
        Assert.Equal("SOL 'LONG' $HOME; rm -rf /|HIGH", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_permanent()
    {
        using var harness = new ChannelHarness(Command("/nonexistent/monitorcore-beep"));

        var result = await harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("could not start '/nonexistent/monitorcore-beep'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_command_it_rings_the_terminal_bell()
    {
        using var bell = new StringWriter();
        var channel = new SoundChannel(Options.Create(new SoundOptions()), new FakeTimeProvider(ChannelHarness.Start), bell);

        var result = await channel.SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Equal("\a", bell.ToString());
        Assert.Equal("terminal bell", channel.DefaultRecipient);
    }

    [Fact]
    public async Task A_hung_command_is_killed_at_the_timeout()
    {
        using var folder = new TempDirectory();
        await using var silent = new SilentTcpServer();
        var pidFile = folder.File("pid");
        using var harness = new ChannelHarness(Command(
            "/usr/bin/python3", "-c",
            $"import os, socket, time; open('{pidFile}', 'w').write(str(os.getpid())); s = socket.create_connection(('127.0.0.1', {silent.Port})); time.sleep(120)"));

        var send = harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);
        await silent.Accepted.WaitAsync(TimeSpan.FromSeconds(30));
        var pid = await File.ReadAllTextAsync(pidFile);
        Assert.True(Directory.Exists($"/proc/{pid}"));
        harness.Time.Advance(TimeSpan.FromSeconds(11));
        var result = await send.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("sound: '/usr/bin/python3' did not exit within 10 s; killed", result.Error);
        Assert.False(Directory.Exists($"/proc/{pid}"));
    }
}
