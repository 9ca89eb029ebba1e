using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MonitorCore.Dashboard.Tests;

/// <summary>
/// A book larger than one chunk of cards (the page builds 100 at a time): every position shows, nearest to liquidation
/// first, on the first load and after a refresh that replaces the list.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class LargeBookTests(Chromium chromium)
{
    private static readonly LocatorAssertionsToHaveCountOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_book_of_250_positions_shows_whole_nearest_first_and_stays_whole_through_a_refresh()
    {
        await using var server = await DashboardServer.StartAsync();
        await ImportAsync(server, 250);
        var (context, page, errors) = await chromium.OpenAsync(server.Address);
        await using var _ = context;

        await page.GotoAsync("/");
        var expected = await NearestFirstAsync(server);
        Assert.True(expected.Count > 250, $"{expected.Count} positions");
        await Expect(page.Locator("[data-position]")).ToHaveCountAsync(expected.Count, Soon);
        Assert.Equal(expected, await ShownAsync(page));

        // A price run re-reads the positions: the new list replaces the old one whole, in the new order.
        await page.EvaluateAsync("() => { window.firstCard = document.querySelector('[data-position]'); }");
        await server.PostAsync("/monitor/price_monitor");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-position]') !== window.firstCard", null, new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-position]")).ToHaveCountAsync(expected.Count, Soon);
        Assert.Equal(await NearestFirstAsync(server), await ShownAsync(page));
        Assert.Empty(errors);
    }

    private static async Task ImportAsync(DashboardServer server, int count)
    {
        var prices = (await server.GetAsync("/api/prices"))["prices"]!.AsArray()
            .ToDictionary(p => (string)p!["asset_type"]!, p => (double)p!["current_price"]!);
        var csv = new StringBuilder("id,asset_type,position_type,entry_price,liquidation_price,size,collateral\n");
        var assets = new[] { "SOL", "ETH", "BTC" };
        for (var i = 0; i < count; i++)
        {
            var price = prices[assets[i % 3]];
            var distance = 0.02 + (0.5 * i / count); // 2 % to 52 % from liquidation, LONG
            csv.Append(CultureInfo.InvariantCulture, $"book-{i:D3},{assets[i % 3]},LONG,{price * 1.05:0.####},{price * (1 - distance):0.####},1000,200\n");
        }

        using var body = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var response = await server.Client.PostAsync("/api/positions/import", body);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<List<string>> NearestFirstAsync(DashboardServer server) =>
        [.. (await server.GetAsync("/api/positions"))["positions"]!.AsArray()
            .OrderBy(p => (double)p!["liquidation_distance_pct"]!).Select(p => (string)p!["id"]!)];

    private static async Task<List<string>> ShownAsync(Microsoft.Playwright.IPage page) =>
        [.. await page.Locator("[data-position]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.position)")];
}
