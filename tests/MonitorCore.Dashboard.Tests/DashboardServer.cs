using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Api;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Dashboard.Tests;

/// <summary>
/// The real web host (the API and the dashboard) on a free loopback port, in process, on a demo database in a
/// temporary folder, with a fake clock: the scheduler runs its first cycle at start and then only when the test
/// moves the clock.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private MonitorCoreApp? _app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <param name="apiKey">When set, the API needs it (<c>Api:Keys:0</c>); the client sends it.</param>
    public static async Task<DashboardServer> StartAsync(string? apiKey = null)
    {
        var server = new DashboardServer();
        await server.StartCoreAsync(apiKey);
        return server;
    }

    private async Task StartCoreAsync(string? apiKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:Urls"] = "http://127.0.0.1:0",
            ["Sources:Mode"] = "Demo",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (apiKey is not null)
        {
            settings["Api:Keys:0"] = apiKey;
        }

        _app = MonitorCoreWebHost.Build(
            new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: settings),
            TimeSpan.FromSeconds(5),
            services => services.AddSingleton<TimeProvider>(Time));
        await _app.InitializeDatabaseAsync(default);
        var firstCycle = SchedulerProbe.NextIdle(_app.Services);
        await _app.StartAsync(default);
        await firstCycle.WaitAsync(TimeSpan.FromSeconds(60));

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public async Task<JsonNode> GetAsync(string path) =>
        (await Client.GetFromJsonAsync<JsonNode>(path))!;

    public async Task<JsonNode> PostAsync(string path)
    {
        using var response = await Client.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonNode> PutAsync(string path, object body)
    {
        using var response = await Client.PutAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(default);
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }
}
