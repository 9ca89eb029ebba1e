using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Scheduling;

namespace MonitorCore.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var quiet = new Option<bool>("--quiet") { Description = "Log only warnings and errors (default: every run is logged)." };
        var command = new Command(
            "serve",
            "Run the service until Ctrl+C: the sonic cycle every interval (monitor_heartbeat) and every other monitor on its own timer.");
        command.Options.Add(quiet);
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.WithHostAsync(
                host => ServeAsync(invocation, host),
                settings => parse.GetValue(quiet) ? settings : settings with
                {
                    Overrides = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>())
                    {
                        ["Logging:LogLevel:Default"] = "Information",
                    },
                },
                DatabaseStart.Checked);
        });
        return command;
    }

    private static async Task<int> ServeAsync(Invocation invocation, MonitorCoreHost host)
    {
        var scheduler = host.Services.GetRequiredService<MonitorScheduler>();
        var heartbeat = await host.Services.GetRequiredService<IHeartbeatStore>().GetAsync(Heartbeats.Sonic, invocation.CancellationToken);
        await invocation.Error.WriteLineAsync(
            $"Monitor Core serving {host.Controller.Registry.All.Count} monitor(s) from {host.Database.Location.Display}; " +
            $"cycle every {Format.Seconds((heartbeat?.Interval ?? Heartbeats.DefaultSonicInterval).TotalSeconds)}. Ctrl+C stops.");
        var dispatch = host.Services.GetRequiredService<NotificationDispatchLoop>();
        await dispatch.StartAsync(invocation.CancellationToken);
        await scheduler.StartAsync(invocation.CancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, invocation.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        await scheduler.StopAsync(CancellationToken.None);
        await dispatch.StopAsync(CancellationToken.None);
        await invocation.Error.WriteLineAsync("Monitor Core stopped.");
        return ExitCodes.Ok;
    }
}
