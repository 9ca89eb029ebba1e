using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class TimersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("timers", "Per-monitor interval overrides (config/timer_config.json).");
        command.WithAction(context, async (invocation, operations) =>
        {
            var list = await operations.Timers.ListAsync(invocation.CancellationToken);
            if (list.Problem is { } problem)
            {
                await invocation.Error.WriteLineAsync($"warning: {problem} Using the last good values.");
            }

            await invocation.WriteAsync(list, l =>
            {
                var table = new TextTable("MONITOR", "INTERVAL", "FROM");
                foreach (var t in l.Timers)
                {
                    table.Add(t.Monitor, Format.Seconds(t.IntervalSeconds), t.Overridden ? l.File : "default");
                }

                table.WriteTo(invocation.Out);
                return Task.CompletedTask;
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var monitor = new Argument<string>("monitor") { Description = "The monitor's key." };
        var seconds = new Argument<double>("seconds") { Description = "The interval in seconds (1 to 604800)." };
        var set = new Command("set", "Set a monitor's interval.");
        set.Arguments.Add(monitor);
        set.Arguments.Add(seconds);
        set.WithAction(context, (invocation, operations) =>
            ChangeAsync(invocation, operations, invocation.Parse.GetValue(monitor)!, Hosting.Operations.TimerOperations.Interval(invocation.Parse.GetValue(seconds))));
        command.Subcommands.Add(set);

        var unset = new Command("unset", "Remove a monitor's override; its default interval applies again.");
        var unsetMonitor = new Argument<string>("monitor") { Description = "The monitor's key." };
        unset.Arguments.Add(unsetMonitor);
        unset.WithAction(context, (invocation, operations) => ChangeAsync(invocation, operations, invocation.Parse.GetValue(unsetMonitor)!, null));
        command.Subcommands.Add(unset);
        return command;
    }

    private static async Task<int> ChangeAsync(Invocation invocation, Hosting.Operations.MonitorCoreOperations operations, string name, TimeSpan? interval)
    {
        var change = await operations.Timers.SetAsync(name, interval, invocation.CancellationToken);
        await invocation.WriteAsync(change, c => invocation.Out.WriteLineAsync(c.IntervalSeconds is { } value
            ? $"{c.Monitor}: every {Format.Seconds(value)} (timer file version {c.Version})"
            : $"{c.Monitor}: back to its default interval (timer file version {c.Version})"));
        return ExitCodes.Ok;
    }
}
