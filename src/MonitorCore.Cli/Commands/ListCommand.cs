using System.CommandLine;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext context) =>
        new Command("list", "List the registered monitors with their intervals and timeouts.")
            .WithHostAction(context, RunAsync);

    private static async Task<int> RunAsync(Invocation invocation, MonitorCoreHost host)
    {
        var intervals = await host.Controller.GetExpectedIntervalsAsync(invocation.CancellationToken);
        var monitors = host.Controller.Registry.All.Select(r => new
        {
            r.Name,
            IntervalSeconds = intervals[r.Name].TotalSeconds,
            TimeoutSeconds = r.Timeout.TotalSeconds,
            r.InCycle,
            r.Description,
        }).ToList();

        if (invocation.Json)
        {
            invocation.WriteJson(new { Monitors = monitors });
            return ExitCodes.Ok;
        }

        var table = new TextTable("MONITOR", "INTERVAL", "TIMEOUT", "DESCRIPTION");
        foreach (var m in monitors)
        {
            table.Add(m.Name, Format.Seconds(m.IntervalSeconds), Format.Seconds(m.TimeoutSeconds), m.Description);
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }
}
