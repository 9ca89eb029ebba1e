using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MonitorCore.Dashboard.Tests;

/// <summary>A server that needs a key: the page loads, asks for the key once, keeps it for the tab, and works with it.</summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class ApiKeyPromptTests(Chromium chromium) : IAsyncLifetime
{
    private const string Key = "dashboard-test-key-0123456789";
    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync(Key);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_page_asks_for_the_key_once_when_the_server_answers_401_and_keeps_it_for_the_tab()
    {
        var (context, page, errors) = await chromium.OpenAsync(_server.Address);
        await using var _ = context;
        await page.GotoAsync("/");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "API key needed" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("API key").FillAsync("not-the-key");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The server refused that key: check it and try again.");

        await dialog.GetByLabel("API key").FillAsync(Key);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("[data-position]")).ToHaveCountAsync(3);
        Assert.Equal(Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('monitorcore.api-key')"));

        // A reload in the same tab keeps the key: no second prompt.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-position]")).ToHaveCountAsync(3);
        await Expect(dialog).ToBeHiddenAsync();

        // A change goes with the key too.
        var alert = page.Locator("[data-alert]").First;
        await alert.GetByRole(AriaRole.Button, new() { Name = "Snooze 2 h" }).ClickAsync();
        await Expect(alert.GetByText("Snoozed", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_refusal_that_arrives_after_a_new_key_was_entered_does_not_throw_the_new_key_away()
    {
        var (context, page, errors) = await chromium.OpenAsync(_server.Address);
        await using var _ = context;

        // One request made with the wrong key is held back until the right key has been entered: its late 401 is about
        // the old key, so the page must try again with the new one instead of asking again and forgetting it.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/positions", async route =>
        {
            if (route.Request.Headers.TryGetValue("authorization", out var auth) && auth == "Bearer not-the-key" && held.TrySetResult())
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await page.GotoAsync("/");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "API key needed" });
        await dialog.GetByLabel("API key").FillAsync("not-the-key");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The server refused that key: check it and try again.");

        await dialog.GetByLabel("API key").FillAsync(Key);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        release.SetResult();

        await Expect(page.Locator("[data-position]")).ToHaveCountAsync(3);
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('monitorcore.api-key')"));
        Assert.Empty(errors);
    }
}
