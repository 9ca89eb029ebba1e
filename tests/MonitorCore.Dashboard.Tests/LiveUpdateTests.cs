using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonitorCore.Events;
using static Microsoft.Playwright.Assertions;

namespace MonitorCore.Dashboard.Tests;

/// <summary>
/// The page on the event stream (GET /api/events, in its documented format): an event re-reads the panels it
/// affects at once, with polling off; a lost stream is said and caught up on reconnect. Through the browser's
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_shows_its_change_at_once_and_a_lost_stream_is_caught_up(bool withKey)
    {
        var events = new TestEventStream();
        await using var server = await DashboardServer.StartAsync(withKey ? Key : null, s => s.AddSingleton<IEventStream>(events));
        var (context, page, errors) = await chromium.OpenAsync(server.Address);
        await using var _ = context;
        if (withKey)
        {
            await page.AddInitScriptAsync($"sessionStorage.setItem('monitorcore.api-key', '{Key}')");
        }

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-stream", "live");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#ledger-rows tr[data-ledger-id]").First).ToBeVisibleAsync();

        // A run, and its event: the ledger shows it at once (no polling while the stream is live).
        await events.FirstSubscriber.WaitAsync(TimeSpan.FromSeconds(15)); // the page's stream is subscribed, not only open
        var run = await server.PostAsync("/monitor/latency_monitor");
        var id = (long)run["runs"]![0]!["id"]!;
        events.Publish(EventTypes.RunRecorded, JsonNode.Parse(run["runs"]![0]!.ToJsonString())!.AsObject());
        await Expect(page.Locator($"#ledger-rows tr[data-ledger-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Prompt });

        // The stream drops: the page says so; a change meanwhile shows once it is back (catch-up), or by polling.
        events.DropAll();
        await Expect(page.Locator("#banner")).ToContainTextAsync("Live updates lost");
        var acknowledged = (long)(await server.GetAsync("/api/alerts"))["alerts"]![0]!["id"]!;
        await server.PostAsync($"/api/alerts/{acknowledged}/acknowledge");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-stream", "live");
        await Expect(page.Locator($"[data-alert='{acknowledged}'] .acknowledged")).Not.ToHaveTextAsync("no");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();

        // A setting changes the lines a position is measured against: drawn as the API says, at once.
        await server.PutAsync("/api/settings/Monitors:liquid_monitor:AssetThresholds:SOL", new { value = "12" });
        events.Publish(EventTypes.SettingsChanged, new JsonObject { ["key"] = "Monitors:liquid_monitor:AssetThresholds:SOL" });
        var sol = page.Locator("[data-position]").Filter(new() { HasText = "SOL LONG" }).Locator(".bar");
        await Expect(sol).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("lines LOW 12.00 %, MEDIUM 12.00 %, HIGH 12.00 %$"), new() { Timeout = Prompt });
        Assert.Empty(errors);
    }
}
