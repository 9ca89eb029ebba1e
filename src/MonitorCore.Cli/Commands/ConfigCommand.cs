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
        command.Subcommands.Add(CreateValidate(context));
        return command;
    }

    /// <summary>What <c>config validate</c> found: the file, whether start-up would accept it, and every problem with its key and line.</summary>
    private sealed record Validation(string File, bool Valid, IReadOnlyList<string> Problems, IReadOnlyList<string> Monitors);

    private static Command CreateValidate(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The config file to check (config/monitors.json beside the working folder is checked with it)." };
        var validate = new Command(
            "validate",
            "Check a config file as start-up would, without starting anything or touching the database: every problem with its key and line. Exit 2 when there is one.")
        {
            file,
        };
        validate.SetAction(async (parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            var path = parse.GetValue(file)!;
            var settings = invocation.Settings with { ConfigFile = path };
            Validation result;
            try
            {
                await using var app = MonitorCore.Hosting.MonitorCoreApp.Build(settings, context.ConfigureServices);
                result = new Validation(path, true, [], app.Operations.Monitors.Registered);
            }
            catch (MonitorCore.Hosting.Configuration.ConfigurationErrorException ex)
            {
                result = new Validation(path, false, ex.Problems, []);
            }

            await invocation.WriteAsync(result, r =>
            {
                if (r.Valid)
                {
                    invocation.Out.WriteLine($"{r.File} is valid: {r.Monitors.Count} monitors ({string.Join(", ", r.Monitors)}).");
                }
                else
                {
                    invocation.Error.WriteLine($"{r.File} is not valid:");
                    foreach (var problem in r.Problems)
                    {
                        invocation.Error.WriteLine("  - " + problem);
                    }
                }

                return Task.CompletedTask;
            });
            return result.Valid ? ExitCodes.Ok : ExitCodes.Usage;
        });
        return validate;
    }
}
