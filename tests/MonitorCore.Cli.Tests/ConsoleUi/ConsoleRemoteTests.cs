using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Api;
using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// <c>monitorcore console --url</c>: the console attached to a running service (the real web host with the API and its
/// event stream, on a free loopback port, on a demo database, with a fake clock: its first cycle runs at start, then only
/// what the test asks), drawn on Terminal.Gui's test driver.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class ConsoleRemoteTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private MonitorCoreApp _server = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var settings = OfflineSources.Settings();
        settings["Api:Urls"] = "http://127.0.0.1:0";
        settings["Sources:Mode"] = "Demo";
        settings["Logging:LogLevel:Default"] = "Warning";
        _server = MonitorCoreWebHost.Build(
            new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: settings),
            TimeSpan.FromSeconds(5),
            services => services.AddSingleton<TimeProvider>(_time));
        await _server.InitializeDatabaseAsync(default);
        var firstCycle = SchedulerProbe.NextIdle(_server.Services);
        await _server.StartAsync(default);
        await firstCycle.WaitAsync(TimeSpan.FromSeconds(60));
        _address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(default);
        await _server.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Attached_with_url_it_shows_the_monitors_and_a_run_posted_to_the_api_appears_by_the_event_stream()
    {
        await using var client = new RemoteConsoleClient(_address, apiKey: null, TimeProvider.System);
        await using var screen = await ConsoleScreen.StartAsync(client, _time);
        var text = await screen.WaitForAsync(t => t.Contains("· live", StringComparison.Ordinal), "the event stream live");
        Assert.Contains(_address.ToString().TrimEnd('/'), text, StringComparison.Ordinal);
        Assert.Contains("demo market", text, StringComparison.Ordinal);
        foreach (var monitor in new[] { "price_monitor", "position_monitor", "liquid_monitor", "xcom_monitor" })
        {
            Assert.Contains(monitor + " ", text, StringComparison.Ordinal);
        }

        var before = screen.Window.Ledger.Shown.Max(r => r.Id);

        using var http = new HttpClient { BaseAddress = _address };
        using var response = await http.PostAsync(new Uri("monitor/price_monitor", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]![0]!;
        var id = (long)run["id"]!;
        Assert.True(id > before);

        // Nothing was pressed and the status is not read again on this fake clock: only the event stream brings it.
        await screen.WaitForAsync(_ => screen.Window.Ledger.Shown.Any(r => r.Id == id && r.Monitor == "price_monitor"), $"ledger row #{id}");
        Assert.Equal(id, screen.Window.Ledger.Shown[0].Id);
    }

    [Fact]
    public async Task A_lost_connection_is_said_on_the_status_line_and_the_console_reconnects_and_catches_up()
    {
        await using var proxy = new TcpProxy(_address);
        await using var client = new RemoteConsoleClient(proxy.Address, apiKey: null, TimeProvider.System);
        await using var screen = await ConsoleScreen.StartAsync(client, _time);
        await screen.WaitForAsync(t => t.Contains("· live", StringComparison.Ordinal), "the event stream live");

        proxy.Sever(TimeSpan.FromSeconds(3));
        var lost = await screen.WaitForAsync(t => t.Contains("Live updates lost", StringComparison.Ordinal), "that the stream was lost");
        Assert.Contains("reconnecting every 2 s", lost, StringComparison.Ordinal);
        Assert.Contains("LIVE UPDATES LOST", lost, StringComparison.Ordinal);

        // Meanwhile the service runs a monitor: the console catches up when it is back.
        using var http = new HttpClient { BaseAddress = _address };
        using var response = await http.PostAsync(new Uri("monitor/liquid_monitor", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        var id = (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]![0]!["id"]!;

        var back = await screen.WaitForAsync(
            _ => screen.Window.Ledger.Shown.Any(r => r.Id == id) && screen.Controller.Data.Stream == StreamState.Live,
            "the stream back and the run made while it was lost",
            TimeSpan.FromSeconds(60));
        Assert.Contains("· live", back, StringComparison.Ordinal);
        Assert.DoesNotContain("LIVE UPDATES LOST", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Live updates lost", back, StringComparison.Ordinal);
    }
}
