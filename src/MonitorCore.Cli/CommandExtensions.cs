using System.CommandLine;
using MonitorCore.Hosting;

namespace MonitorCore.Cli;

internal static class CommandExtensions
{
    /// <summary>Sets an action that runs with a built Monitor Core and a ready database.</summary>
    public static Command WithHostAction(
        this Command command, CliContext context, Func<Invocation, MonitorCoreHost, Task<int>> action, DatabaseStart database = DatabaseStart.Quick)
    {
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.WithHostAsync(host => action(invocation, host), database: database);
        });
        return command;
    }
}
