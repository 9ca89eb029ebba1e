using System.CommandLine;
using System.CommandLine.Help;
using MonitorCore.Cli.Commands;

namespace MonitorCore.Cli;

/// <summary>The <c>monitorcore</c> command line.</summary>
public static class CliApp
{
    public static Command CreateRootCommand(CliContext context)
    {
        var root = new Command(
            "monitorcore",
            "Monitor Core: watches leveraged crypto positions and itself, records every monitor run in a ledger, and raises alerts.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(GlobalOptions.Db());
        root.Options.Add(GlobalOptions.Config());
        root.Options.Add(GlobalOptions.Json());
        root.Options.Add(GlobalOptions.Demo());
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(LedgerCommand.Create(context));
        root.Subcommands.Add(DbCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(TimersCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(WalletsCommand.Create(context));
        root.Subcommands.Add(PositionsCommand.Create(context));
        root.Subcommands.Add(PricesCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.Create(context));
        root.Subcommands.Add(NotificationsCommand.Create(context));
        root.Subcommands.Add(NotificationsCommand.CreateXCom(context));
        root.Subcommands.Add(ThresholdsCommand.Create(context));
        root.Subcommands.Add(SettingsCommand.Create(context));
        root.Subcommands.Add(SelfTestCommand.Create(context));
        root.Subcommands.Add(SonicCommand.Create(context));
        root.Subcommands.Add(ConsoleCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs a command line. Bad usage prints what was wrong and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        // Text for a terminal never carries its control characters through (what a file or a person stored could
        // rewrite the screen); --json output stays exact.
        var output = new TerminalWriter(context.Out);
        context = context with { Out = output, Error = new TerminalWriter(context.Error) };
        var root = CreateRootCommand(context);
        var parse = root.Parse(args);
        output.Enabled = !(parse.Errors.Count == 0 && parse.GetValue<bool>(GlobalOptions.JsonName));
        // A stop signal cancels the command's token; the service's host stops within its own shutdown timeout.
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync("Run 'monitorcore --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}
