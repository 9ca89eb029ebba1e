using System.CommandLine;
using MonitorCore.Hosting;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name")
        {
            Description = "The monitor to run (see 'monitorcore list'), or 'all' to run every monitor in registry order.",
        };
        var command = new Command("run", "Run one monitor, or all of them, and record each run in the ledger. Exit code 1 when a run ends in Error.");
        command.Arguments.Add(name);
        return command.WithHostAction(context, (invocation, host) => RunAsync(invocation, host, invocation.Parse.GetValue(name)!));
    }

    private static async Task<int> RunAsync(Invocation invocation, MonitorCoreHost host, string name)
    {
        var controller = host.Controller;
        IReadOnlyList<LedgerEntry> entries;
        var all = string.Equals(name, "all", StringComparison.OrdinalIgnoreCase);
        if (all)
        {
            entries = await controller.RunAllAsync(null, invocation.CancellationToken);
        }
        else if (controller.Registry.TryGet(name, out var registration))
        {
            entries = [await controller.RunByNameAsync(registration.Name, null, invocation.CancellationToken)];
        }
        else
        {
            await invocation.Error.WriteLineAsync(new UnknownMonitorException(name, [.. controller.Registry.Names]).Message);
            return ExitCodes.Usage;
        }

        await CliDispatch.DrainAsync(invocation, host);
        if (invocation.Json)
        {
            invocation.WriteJson(all ? new { Runs = entries } : entries[0]);
        }
        else
        {
            foreach (var entry in entries)
            {
                LedgerText.Write(invocation.Out, entry, detailed: true);
            }
        }

        return entries.Any(e => e.Status == MonitorStatus.Error) ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
