using System.CommandLine;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli;

internal static class CommandExtensions
{
    /// <summary>Sets an action that calls the operations of a composed Monitor Core with a ready database.</summary>
    public static Command WithAction(
        this Command command, CliContext context, Func<Invocation, MonitorCoreOperations, Task<int>> action, DatabaseStart database = DatabaseStart.Quick)
    {
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.RunAsync(app => action(invocation, app.Operations), database: database);
        });
        return command;
    }
}
