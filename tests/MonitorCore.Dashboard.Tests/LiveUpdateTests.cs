using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MonitorCore.Dashboard.Tests;

/// <summary>
/// The page on the real event stream (GET /api/events): a run, an acknowledgement and a setting made through the
/// API each re-read the panels they affect at once, with polling off; a connection lost at the network (a proxy
/// between the browser and the server resets it) is said and caught up on reconnect. Through the browser's
/// EventSource without a key, and through the page's own fetch reader when a key is needed.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class LiveUpdateTests(Chromium chromium)
{
    private const string Key = "live-test-key-0123456789";

    /// <summary>
    /// The page re-reads within 150 ms of an event and shows the change in about 0.3 s here; the test allows 3 s for a
    /// machine busy with other tests. Polling is off while the stream is live, so only the event can have done it.
    /// </summary>
    private const float Prompt = 3_000;

    /// <summary>
    /// How long the network stays down: past the stream's 2 s retry (at least one reconnect fails), short of the
    /// page's 5 s poll (so what shows after is the catch-up, not a poll).
    /// </summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_shows_its_change_at_once_and_a_lost_stream_is_caught_up(bool withKey)
    {
        await using var server = await DashboardServer.StartAsync(withKey ? Key : null);
        await using var network = new TcpProxy(server.Address); // the browser's way to the server; the test's own requests go direct
        var (context, page, errors) = await chromium.OpenAsync(network.Address);
        await using var _ = context;
        if (withKey)
        {
            await page.AddInitScriptAsync($"sessionStorage.setItem('monitorcore.api-key', '{Key}')");
        }

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-stream", "live");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#ledger-rows tr[data-ledger-id]").First).ToBeVisibleAsync();

        // A run records run_recorded: the ledger shows its row at once (no polling while the stream is live). The
        // stream is open, and the server fixed where it starts before it answered, so the event is the page's.
        var run = await server.PostAsync("/monitor/latency_monitor");
        var id = (long)run["runs"]![0]!["id"]!;
        await Expect(page.Locator($"#ledger-rows tr[data-ledger-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Prompt });

        // The network drops: the page says so. An acknowledgement meanwhile (alert_acknowledged) shows once the
        // stream is back: it resumes after the last id it saw and the page re-reads.
        network.Sever(Outage);
        await Expect(page.Locator("#banner")).ToContainTextAsync("Live updates lost");
        var acknowledged = (long)(await server.GetAsync("/api/alerts"))["alerts"]![0]!["id"]!;
        await server.PostAsync($"/api/alerts/{acknowledged}/acknowledge");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-stream", "live");
        await Expect(page.Locator($"[data-alert='{acknowledged}'] .acknowledged")).Not.ToHaveTextAsync("no");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();

        // A setting (settings_changed) changes the lines a position is measured against: drawn as the API says, at once.
        await server.PutAsync("/api/settings/Monitors:liquid_monitor:AssetThresholds:SOL", new { value = "12" });
        var sol = page.Locator("[data-position]").Filter(new() { HasText = "SOL LONG" }).Locator(".bar");
        await Expect(sol).ToHaveAttributeAsync("aria-label", new Regex("lines LOW 12.00 %, MEDIUM 12.00 %, HIGH 12.00 %$"), new() { Timeout = Prompt });
        Assert.Empty(errors);
    }
}
