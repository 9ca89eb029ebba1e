using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Files;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class TimersCommand
{
    public static Command Create(CliContext context)
    {
        var monitor = new Argument<string>("monitor") { Description = "The monitor's key." };
        var seconds = new Argument<double>("seconds") { Description = "The interval in seconds (1 to 604800)." };
        var command = new Command("timers", "Per-monitor interval overrides (config/timer_config.json).");
        command.WithHostAction(context, ListAsync);

        var set = new Command("set", "Set a monitor's interval.");
        set.Arguments.Add(monitor);
        set.Arguments.Add(seconds);
        set.WithHostAction(context, (invocation, host) =>
            ChangeAsync(invocation, host, invocation.Parse.GetValue(monitor)!, TimeSpan.FromSeconds(invocation.Parse.GetValue(seconds))));
        command.Subcommands.Add(set);

        var unset = new Command("unset", "Remove a monitor's override; its default interval applies again.");
        var unsetMonitor = new Argument<string>("monitor") { Description = "The monitor's key." };
        unset.Arguments.Add(unsetMonitor);
        unset.WithHostAction(context, (invocation, host) => ChangeAsync(invocation, host, invocation.Parse.GetValue(unsetMonitor)!, null));
        command.Subcommands.Add(unset);
        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host)
    {
        var timers = host.Services.GetRequiredService<TimerConfig>();
        var intervals = await host.Controller.GetExpectedIntervalsAsync(invocation.CancellationToken);
        var overrides = await timers.GetOverridesAsync(invocation.CancellationToken);
        if (timers.LastProblem is { } problem)
        {
            await invocation.Error.WriteLineAsync($"warning: {problem} Using the last good values.");
        }

        var rows = intervals.Select(pair => new
        {
            Monitor = pair.Key,
            IntervalSeconds = pair.Value.TotalSeconds,
            Overridden = overrides.ContainsKey(pair.Key),
        }).ToList();
        if (invocation.Json)
        {
            invocation.WriteJson(new { File = timers.Path, Timers = rows });
            return ExitCodes.Ok;
        }

        var table = new TextTable("MONITOR", "INTERVAL", "FROM");
        foreach (var row in rows)
        {
            table.Add(row.Monitor, Format.Seconds(row.IntervalSeconds), row.Overridden ? timers.Path : "default");
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static async Task<int> ChangeAsync(Invocation invocation, MonitorCoreHost host, string name, TimeSpan? interval)
    {
        if (!host.Controller.Registry.TryGet(name, out _))
        {
            await invocation.Error.WriteLineAsync(new Monitoring.UnknownMonitorException(name, [.. host.Controller.Registry.Names]).Message);
            return ExitCodes.Usage;
        }

        try
        {
            var state = await host.Services.GetRequiredService<TimerConfig>().SetAsync(name, interval, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(new { Monitor = name, IntervalSeconds = interval?.TotalSeconds, state.Version });
            }
            else
            {
                await invocation.Out.WriteLineAsync(interval is { } value
                    ? $"{name}: every {Format.Seconds(value.TotalSeconds)} (timer file version {state.Version})"
                    : $"{name}: back to its default interval (timer file version {state.Version})");
            }

            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is TimerConfigFormatException or ArgumentOutOfRangeException)
        {
            await invocation.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
    }
}
