using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext context) =>
        new Command("list", "List the registered monitors with their intervals and timeouts.")
            .WithAction(context, async (invocation, operations) =>
            {
                var list = await operations.Monitors.ListAsync(invocation.CancellationToken);
                await invocation.WriteAsync(list, result =>
                {
                    var table = new TextTable("MONITOR", "INTERVAL", "TIMEOUT", "ORIGIN", "DESCRIPTION");
                    foreach (var m in result.Monitors)
                    {
                        table.Add(m.Name, Format.Seconds(m.IntervalSeconds), Format.Seconds(m.TimeoutSeconds), m.Origin, m.Description);
                    }

                    table.WriteTo(invocation.Out);
                    foreach (var plugin in result.Plugins.Where(p => p.Error is not null))
                    {
                        invocation.Error.WriteLine($"plugin {plugin.Folder} not loaded: {plugin.Error}");
                    }

                    return Task.CompletedTask;
                });
                return ExitCodes.Ok;
            },
            DatabaseStart.Read);
}
