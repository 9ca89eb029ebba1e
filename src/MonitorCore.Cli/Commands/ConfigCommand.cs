using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("config", "Inspect the configuration.");
        var show = new Command(
            "show",
            "Show every setting with its effective value and where it came from (default, file, runtime settings, environment, command line). Secrets are masked.");
        show.WithAction(
            context,
            async (invocation, operations) =>
            {
                await invocation.WriteAsync(operations.Config.Show(), view =>
                {
                    var table = new TextTable("KEY", "VALUE", "SOURCE");
                    foreach (var s in view.Settings)
                    {
                        table.Add(s.Key, s.Value ?? "(none)", s.Source);
                    }

                    table.WriteTo(invocation.Out);
                    return Task.CompletedTask;
                });
                return ExitCodes.Ok;
            },
            DatabaseStart.None);
        command.Subcommands.Add(show);
        return command;
    }
}
