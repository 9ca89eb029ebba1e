using MonitorCore.Cli.ConsoleUi;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>The console attached to a running service (<c>--url</c>), drawn on Terminal.Gui's test driver.</summary>
[Collection(TerminalCollection.Name)]
public sealed class ConsoleRemoteTests : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Attached_with_url_it_shows_the_monitors_and_a_run_posted_to_the_api_appears_by_the_event_stream()
    {
        await using var client = new RemoteConsoleClient(_service.Address, apiKey: null, TimeProvider.System);
        await using var screen = await ConsoleScreen.StartAsync(client, _service.Time);
        var text = await screen.WaitForAsync(t => t.Contains("· live", StringComparison.Ordinal), "the event stream live");
        Assert.Contains(_service.Address.ToString().TrimEnd('/'), text, StringComparison.Ordinal);
        Assert.Contains("demo market", text, StringComparison.Ordinal);
        foreach (var monitor in new[] { "price_monitor", "position_monitor", "liquid_monitor", "xcom_monitor" })
        {
            Assert.Contains(monitor + " ", text, StringComparison.Ordinal);
        }

        var before = screen.Window.Ledger.Shown.Max(r => r.Id);

        var id = await _service.RunAsync("price_monitor");

        // Nothing was pressed and the status is not read again on this fake clock: only the event stream brings it.
        Assert.True(id > before);
        await screen.WaitForAsync(_ => screen.Window.Ledger.Shown.Any(r => r.Id == id && r.Monitor == "price_monitor"), $"ledger row #{id}");
        Assert.Equal(id, screen.Window.Ledger.Shown[0].Id);
    }

    [Fact]
    public async Task A_lost_connection_is_said_on_the_status_line_and_the_console_reconnects_and_catches_up()
    {
        await using var proxy = new TcpProxy(_service.Address);
        await using var client = new RemoteConsoleClient(proxy.Address, apiKey: null, TimeProvider.System);
        await using var screen = await ConsoleScreen.StartAsync(client, _service.Time);
        await screen.WaitForAsync(t => t.Contains("· live", StringComparison.Ordinal), "the event stream live");

        proxy.Sever(TimeSpan.FromSeconds(3));
        var lost = await screen.WaitForAsync(t => t.Contains("Live updates lost", StringComparison.Ordinal), "that the stream was lost");
        Assert.Contains("reconnecting every 2 s", lost, StringComparison.Ordinal);
        Assert.Contains("LIVE UPDATES LOST", lost, StringComparison.Ordinal);

        // Meanwhile the service runs a monitor: the console catches up when it is back.
        var id = await _service.RunAsync("liquid_monitor");

        var back = await screen.WaitForAsync(
            _ => screen.Window.Ledger.Shown.Any(r => r.Id == id) && screen.Controller.Data.Stream == StreamState.Live,
            "the stream back and the run made while it was lost",
            TimeSpan.FromSeconds(60));
        Assert.Contains("· live", back, StringComparison.Ordinal);
        Assert.DoesNotContain("LIVE UPDATES LOST", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Live updates lost", back, StringComparison.Ordinal);
    }
}
