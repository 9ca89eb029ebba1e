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
        command.Subcommands.Add(CreateSchema(context));
        return command;
    }

    private static Command CreateSchema(CliContext context)
    {
        var name = new Argument<string?>("NAME") { Description = "The schema to print (monitorcore, monitors, check-http, …); without it, the list.", Arity = ArgumentArity.ZeroOrOne };
        var write = new Option<string?>("--write") { Description = "Write every schema (DIR/schemas/*.schema.json) and the reference (DIR/configuration.md) under DIR, e.g. docs.", HelpName = "DIR" };
        var check = new Option<string?>("--check") { Description = "Exit 1 when the files under DIR differ from what the code generates (what CI runs).", HelpName = "DIR" };
        var schema = new Command(
            "schema",
            "The JSON Schemas of the configuration file, the manifest and each check type, generated from the options; --write DIR regenerates docs/schemas and docs/configuration.md.")
        {
            name, write, check,
        };
        schema.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.RunAsync(
                async app =>
                {
                    var schemas = app.Operations.Schemas;
                    if (parse.GetValue(write) is { } writeTo)
                    {
                        var written = await schemas.WriteAsync(Path.GetFullPath(writeTo, context.BaseDirectory), ct);
                        await invocation.WriteAsync(written, r =>
                        {
                            invocation.Out.WriteLine(r.Changed.Count == 0
                                ? $"{writeTo}: up to date."
                                : $"{writeTo}: wrote {string.Join(", ", r.Changed)}.");
                            return Task.CompletedTask;
                        });
                        return ExitCodes.Ok;
                    }

                    if (parse.GetValue(check) is { } checkIn)
                    {
                        var drift = schemas.Check(Path.GetFullPath(checkIn, context.BaseDirectory));
                        await invocation.WriteAsync(drift, r =>
                        {
                            if (r.Changed.Count == 0)
                            {
                                invocation.Out.WriteLine($"{checkIn}: the schemas and the reference are what the code generates.");
                            }
                            else
                            {
                                invocation.Error.WriteLine($"{checkIn}: differs from what the code generates: {string.Join(", ", r.Changed)}. Run `{r.RegenerateCommand}` and commit the result.");
                            }

                            return Task.CompletedTask;
                        });
                        return drift.Changed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
                    }

                    if (parse.GetValue(name) is { } one)
                    {
                        invocation.Out.Write(MonitorCore.Hosting.Configuration.ConfigurationSchemas.Text(schemas.Get(one)));
                        return ExitCodes.Ok;
                    }

                    await invocation.WriteAsync(schemas.List(), list =>
                    {
                        var table = new TextTable("NAME", "FILE", "DESCRIBES");
                        foreach (var s in list.Schemas)
                        {
                            table.Add(s.Name, "docs/" + s.File, s.Title);
                        }

                        table.WriteTo(invocation.Out);
                        return Task.CompletedTask;
                    });
                    return ExitCodes.Ok;
                },
                database: DatabaseStart.None,
                build: settings => MonitorCore.Hosting.MonitorCoreApp.Build(
                    settings,
                    services =>
                    {
                        MonitorCore.Api.MonitorCoreApiExtensions.AddApiSchema(services);
                        context.ConfigureServices?.Invoke(services);
                    },
                    CliLogging.Configure));
        });
        return schema;
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
