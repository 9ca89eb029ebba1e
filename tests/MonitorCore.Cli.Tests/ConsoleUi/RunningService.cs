using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Api;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// A running service for the console to attach to: the real web host (the API and its event stream) on a free loopback
/// port, on a demo database in a temporary folder, with a fake clock (its first cycle runs at start, then only what a
/// test asks for).
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private MonitorCoreApp _app = null!;
    private bool _stopped;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public Uri Address { get; private set; } = null!;

    /// <param name="apiKey">When set, the API needs it (<c>Api:Keys:0</c>).</param>
    public static async Task<RunningService> StartAsync(string? apiKey = null)
    {
        var service = new RunningService();
        var settings = OfflineSources.Settings();
        settings["Api:Urls"] = "http://127.0.0.1:0";
        if (apiKey is not null)
        {
            settings["Api:Keys:0"] = apiKey;
        }

        settings["Sources:Mode"] = "Demo";
        settings["Logging:LogLevel:Default"] = "Warning";
        service._app = MonitorCoreWebHost.Build(
            new HostSettings(service._folder.Path, new Dictionary<string, string?>(), Overrides: settings),
            TimeSpan.FromSeconds(5),
            services => services.AddSingleton<TimeProvider>(service.Time));
        await service._app.InitializeDatabaseAsync(default);
        var firstCycle = SchedulerProbe.NextIdle(service._app.Services);
        await service._app.StartAsync(default);
        await firstCycle.WaitAsync(TimeSpan.FromSeconds(60));
        service.Address = new Uri(service._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return service;
    }

    /// <summary>Runs a monitor through the API (<c>POST /monitor/{name}</c>), as a script would; returns its ledger row's id.</summary>
    public async Task<long> RunAsync(string monitor)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsync(new Uri($"monitor/{monitor}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (long)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]![0]!["id"]!;
    }

    /// <summary>Stops the service (its port closes): what a client sees when the instance goes away.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync(default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }
}
