using System.Globalization;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MonitorCore.Dashboard.Tests;

/// <summary>The dashboard in a real headless Chromium against the real web host on a demo database.</summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class DashboardTests(Chromium chromium, DemoDashboard demo) : IClassFixture<DemoDashboard>
{
    private static readonly LocatorAssertionsToHaveCountOptions Soon = new() { Timeout = 15_000 };

    private DashboardServer Server => demo.Server;

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(int width = 1440, int height = 900)
    {
        var opened = await chromium.OpenAsync(Server.Address, width, height);
        await opened.Page.GotoAsync("/");
        var expected = (await Server.GetAsync("/api/positions"))["positions"]!.AsArray().Count;
        await Expect(opened.Page.Locator("[data-position]")).ToHaveCountAsync(expected, Soon);
        return opened;
    }

    [Fact]
    public async Task The_page_shows_the_demo_positions_nearest_to_liquidation_first_with_their_lines_and_prices()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;

        var positions = (await Server.GetAsync("/api/positions"))["positions"]!.AsArray();
        Assert.Equal(3, positions.Count);
        var nearestFirst = positions.OrderBy(p => (double)p!["liquidation_distance_pct"]!).Select(p => (string)p!["id"]!).ToList();
        var shown = await page.Locator("[data-position]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.position)");
        Assert.Equal(nearestFirst, shown);

        var first = page.Locator("[data-position]").First;
        var nearest = positions.First(p => (string)p!["id"]! == nearestFirst[0])!;
        await Expect(first.Locator(".distance-pct")).ToHaveTextAsync(((double)nearest["liquidation_distance_pct"]!).ToString("0.00", CultureInfo.InvariantCulture) + " %");
        await Expect(first.Locator(".bar .line")).ToHaveCountAsync(3); // LOW, MEDIUM and HIGH of LiquidationDistance
        await Expect(first.Locator(".bar")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("lines LOW 10.00 %, MEDIUM 7.50 %, HIGH 5.00 %"));
        await Expect(first).ToContainTextAsync("demo"); // the price's source
        await Expect(page.Locator("#mode")).ToHaveTextAsync("demo data");
        await Expect(page.Locator("#demo-note")).ToBeVisibleAsync();
        await Expect(page.Locator("#totals")).ToContainTextAsync("Positions3");

        // The event stream is live (the real one, GET /api/events): no banner.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-stream", "live");
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#monitors [data-monitor='price_monitor'] .badge")).ToHaveTextAsync("Healthy");
        await Expect(page.Locator("#sonic-last")).ToContainTextAsync("took");

        // The tab shows the worst state: a fresh demo database is a Warning (no market window measured yet).
        Assert.Equal("Warning", (string?)(await Server.GetAsync("/status"))["overall"]);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Warning · Monitor Core$"));
        await Expect(page.Locator("#favicon")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(warn|error)$"));
        await Expect(page.Locator("#favicon")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Acknowledge_and_snooze_are_one_click_each_and_reach_the_database()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        var firing = (await Server.GetAsync("/api/alerts"))["alerts"]!.AsArray()
            .Where(a => a!["acknowledged_at"] is null).Select(a => (long)a!["id"]!).ToList();
        Assert.True(firing.Count >= 2, "the demo's first cycle raises several alerts");

        var acknowledged = page.Locator($"[data-alert='{firing[0]}']");
        await acknowledged.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Expect(acknowledged.Locator(".acknowledged")).Not.ToHaveTextAsync("no");
        var stored = (await Server.GetAsync("/api/alerts"))["alerts"]!.AsArray().Single(a => (long)a!["id"]! == firing[0])!;
        Assert.NotNull(stored["acknowledged_at"]);

        var snoozed = page.Locator($"[data-alert='{firing[1]}']");
        await snoozed.GetByRole(AriaRole.Button, new() { Name = "Snooze until resolved" }).ClickAsync();
        await Expect(snoozed.GetByText("Snoozed until resolved")).ToBeVisibleAsync();
        var snoozes = (await Server.GetAsync("/status"))["snoozes"]!.AsArray();
        Assert.Contains(snoozes, s => (string?)s!["target"] == firing[1].ToString(CultureInfo.InvariantCulture) && (bool)s["until_resolved"]!);

        await snoozed.GetByRole(AriaRole.Button, new() { Name = "Unsnooze" }).ClickAsync();
        await Expect(snoozed.GetByRole(AriaRole.Button, new() { Name = "Snooze 30 min" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_run_through_the_API_shows_on_the_open_page_without_a_reload()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        await Expect(page.Locator("#ledger-rows tr[data-ledger-id]").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var run = await Server.PostAsync("/monitor/price_monitor");
        var id = (long)run["runs"]![0]!["id"]!;

        await Expect(page.Locator($"#ledger-rows tr[data-ledger-id='{id}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was not reloaded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_ledger_filters_by_monitor_and_status_and_pages_with_the_cursor()
    {
        for (var i = 0; i < 55; i++)
        {
            await Server.PostAsync("/monitor/latency_monitor");
        }

        var stored = (await Server.GetAsync("/api/ledger?monitor=latency_monitor&limit=500"))["entries"]!.AsArray().Count;
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        var filters = page.Locator("#ledger-filters");
        await filters.GetByLabel("Monitor").SelectOptionAsync("latency_monitor");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("#ledger-rows tr[data-ledger-id]");
        await Expect(rows).ToHaveCountAsync(50);
        Assert.All(await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.monitor)"), m => Assert.Equal("latency_monitor", m));

        await page.GetByRole(AriaRole.Button, new() { Name = "Older rows" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(Math.Min(stored, 100));
        var ids = await rows.EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.ledgerId))");
        Assert.Equal(ids.Length, ids.Distinct().Count());

        await filters.GetByLabel("Status").SelectOptionAsync("Error");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#ledger-rows")).ToHaveTextAsync("No run matches.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older rows" })).ToBeHiddenAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_refused_setting_is_explained_next_to_its_field_and_a_switch_saves_from_the_keyboard()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        var form = page.Locator("form[data-setting='sonic_interval_seconds']");
        await form.GetByLabel("sonic_interval_seconds").FillAsync("soon");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("sonic_interval_seconds: 'soon' is not a whole number.");
        await Expect(form.GetByLabel("sonic_interval_seconds")).ToBeFocusedAsync();
        Assert.Equal("60", (string?)(await Server.GetAsync("/api/settings/sonic_interval_seconds"))["value"]);

        // From the keyboard: a switch saves when Space turns it, shows its new source, and keeps the focus.
        var risk = page.Locator("form[data-setting='enabled_risk']");
        await risk.GetByLabel("enabled_risk").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(risk).ToContainTextAsync("from runtime settings");
        Assert.Equal("true", (string?)(await Server.GetAsync("/api/settings/enabled_risk"))["value"]);
        await Expect(page.Locator("form[data-setting='enabled_risk']").GetByLabel("enabled_risk")).ToBeFocusedAsync();
        await Expect(page.Locator("form[data-setting='enabled_risk']").GetByLabel("enabled_risk")).ToBeCheckedAsync();
        await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Space"), r => r.Url.EndsWith("/api/settings/enabled_risk", StringComparison.Ordinal));
        Assert.Equal("false", (string?)(await Server.GetAsync("/api/settings/enabled_risk"))["value"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task No_serious_or_critical_accessibility_violation_in_either_theme_and_screenshots_for_phone_and_wide_screen()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        await WaitForEveryPanelAsync(page);
        await AssertAccessibleAsync(page, "dark, 1440×900");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-1440x900.png") });
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-1440x900-full.png"), FullPage = true });

        await ToggleThemeAsync(page, "light");
        await AssertAccessibleAsync(page, "light, 1440×900");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-1440x900-light.png") });

        var (phoneContext, phone, phoneErrors) = await OpenAsync(390, 844);
        await using var __ = phoneContext;
        await WaitForEveryPanelAsync(phone);
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await phone.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-390x844-light.png") });
        await ToggleThemeAsync(phone, "dark");
        await AssertAccessibleAsync(phone, "dark, 390×844");
        await phone.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-390x844.png") });
        await phone.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-390x844-full.png"), FullPage = true });
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px phone");

        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }

    /// <summary>Clicks the theme toggle and waits for the page and for theme_mode, read back through the API.</summary>
    private async Task ToggleThemeAsync(IPage page, string theme)
    {
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = $"Switch to the {theme} theme (theme_mode)" });
        await page.RunAndWaitForResponseAsync(() => toggle.ClickAsync(), r => r.Url.EndsWith("/api/settings/theme_mode", StringComparison.Ordinal) && r.Request.Method == "PUT");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        Assert.Equal(theme, (string?)(await Server.GetAsync("/api/settings/theme_mode"))["value"]);
    }

    private static async Task WaitForEveryPanelAsync(IPage page)
    {
        await Expect(page.Locator("[data-alert]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart .uplot")).ToBeVisibleAsync();
        await Expect(page.Locator("#ledger-rows tr[data-ledger-id]").First).ToBeVisibleAsync();
        await Expect(page.Locator("form[data-threshold]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#channels li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#monitors li").First).ToBeVisibleAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // the scan ran
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{where}: " + string.Join("; ", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }
}
