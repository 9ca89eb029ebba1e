using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Monitoring;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// The console on a local demo database, as <c>monitorcore console --demo --db PATH</c> builds it: Monitor Core composed
/// as every command composes it (real SQLite file, production migrations, the demo market), a fake clock, and the
/// console's window on Terminal.Gui's test driver. Its <c>:</c> runs real CLI commands on the same database.
/// </summary>
internal sealed class LocalConsole : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    private LocalConsole(MonitorCoreApp app) => App = app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public MonitorCoreApp App { get; private set; }

    public ConsoleScreen Screen { get; private set; } = null!;

    public static async Task<LocalConsole> StartAsync(bool readOnly = false, Action<IServiceCollection>? services = null)
    {
        var console = new LocalConsole(null!);
        var database = console._folder.File("console.db");
        var settings = OfflineSources.Settings();
        settings["Sources:Mode"] = "Demo";
        settings["Database:Connection"] = database;
        console.App = MonitorCoreApp.Build(new HostSettings(console._folder.Path, new Dictionary<string, string?>(), Overrides: settings), s =>
        {
            s.AddSingleton<TimeProvider>(console.Time);
            services?.Invoke(s);
        });
        await console.App.InitializeDatabaseAsync(default);
        var commands = new ConsoleCommandLine(
            new CliContext(TextWriter.Null, TextWriter.Null, console._folder.Path, OfflineSources.Environment()),
            ["--db", database, "--demo"]);
        console.Screen = await ConsoleScreen.StartAsync(new LocalConsoleClient(console.App), console.Time, readOnly, commands);
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        await Screen.DisposeAsync();
        await Screen.Controller.Client.DisposeAsync();
        await App.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }
}

/// <summary>The spec's power-on self-test monitor as a plugin would register it: here, every check passes.</summary>
internal sealed class PassingSelfTest : IMonitor
{
    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(MonitorResult.Success(new JsonObject { ["checks"] = new JsonObject { ["database"] = new JsonObject { ["ok"] = true } } }));
}
