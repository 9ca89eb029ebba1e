using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli.Commands;

internal static class ServeCommand
{
    /// <summary>How long a stop (Ctrl+C, SIGTERM) waits for the cycle and the dispatcher to finish before the process exits.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    public static Command Create(CliContext context)
    {
        var quiet = new Option<bool>("--quiet") { Description = "Log only warnings and errors (default: every run is logged)." };
        var command = new Command(
            "serve",
            "Run the service until Ctrl+C or SIGTERM: the sonic cycle every interval (monitor_heartbeat), every other monitor on its own timer, and the notification dispatcher.");
        command.Options.Add(quiet);
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.RunAsync(
                app => ServeAsync(invocation, app),
                settings => parse.GetValue(quiet) ? settings : settings with
                {
                    Overrides = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>())
                    {
                        ["Logging:LogLevel:Default"] = "Information",
                    },
                },
                DatabaseStart.Checked,
                settings => Build(settings, context));
        });
        return command;
    }

    /// <summary>The service's host: the generic .NET host with Monitor Core on it (the API will swap in a web host here).</summary>
    private static MonitorCoreApp Build(HostSettings settings, CliContext context)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "monitorcore",
            ContentRootPath = settings.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        return MonitorCoreApp.Build(builder, settings, context.ConfigureServices, CliLogging.Configure);
    }

    private static async Task<int> ServeAsync(Invocation invocation, MonitorCoreApp app)
    {
        var monitors = await app.Operations.Monitors.ListAsync(invocation.CancellationToken);
        var cycle = monitors.Monitors.FirstOrDefault(m => m.InCycle)?.IntervalSeconds ?? MonitorCore.Heartbeat.Heartbeats.DefaultSonicInterval.TotalSeconds;
        await invocation.Error.WriteLineAsync(
            $"Monitor Core serving {monitors.Monitors.Count} monitor(s) from {app.Operations.Storage.Display}; " +
            $"cycle every {Format.Seconds(cycle)}. Ctrl+C stops.");
        await app.RunAsync(invocation.CancellationToken);
        await invocation.Error.WriteLineAsync("Monitor Core stopped.");
        return ExitCodes.Ok;
    }
}
