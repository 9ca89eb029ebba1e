using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Cli.ConsoleUi.Views;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.Commands;

internal static class ConsoleCommand
{
    public const string ApiKeyVariable = "MONITORCORE_API_KEY";

    public static Command Create(CliContext context)
    {
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "Look only: every key that changes something is off (runs, acknowledgements, snoozes, tests, the ':' command line).",
        };
        var url = new Option<string?>("--url")
        {
            Description = "Attach to a running instance through its HTTP API and event stream, e.g. http://127.0.0.1:5000, instead of the local database.",
            HelpName = "URL",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The instance's API key for --url (one of its Api:Keys, or Api:ReadOnlyKeys to look only). Default: ${ApiKeyVariable}.",
            HelpName = "KEY",
        };
        var command = new Command(
            "console",
            "An interactive full-screen console: the monitors (health, last status, age or 'never run', interval, next run), the positions nearest to " +
            "liquidation, the firing alerts and snoozes, the latest ledger rows, kept live. Every action is one key away; '?' lists the keys, '/' filters, " +
            "':' runs any command. On the local database like every command, or on a running instance with --url. q or Ctrl+C quits.");
        command.Options.Add(readOnly);
        command.Options.Add(url);
        command.Options.Add(apiKey);
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return parse.GetValue(url) is { } address
                ? AttachAsync(invocation, address, parse.GetValue(apiKey), parse.GetValue(readOnly))
                : LocalAsync(invocation, parse.GetValue(readOnly));
        });
        return command;
    }

    private static Task<int> LocalAsync(Invocation invocation, bool readOnly)
    {
        if (invocation.Json)
        {
            return UsageAsync(invocation, "--json: the console is interactive; for JSON use the other commands (e.g. 'monitorcore status --json').");
        }

        var context = invocation.Context;
        var commands = new ConsoleCommandLine(context, GlobalArgs(invocation));
        return invocation.RunAsync(
            async app =>
            {
                await using var client = new LocalConsoleClient(app);
                return await ConsoleHost.RunAsync(
                    client, new ConsoleOptions(readOnly, commands), app.Services.GetRequiredService<TimeProvider>(), invocation.Out, invocation.Error);
            },
            build: settings => MonitorCoreApp.Build(settings, context.ConfigureServices, builder => builder.Logging.ClearProviders())); // no log over the screen
    }

    private static async Task<int> AttachAsync(Invocation invocation, string address, string? apiKey, bool readOnly)
    {
        var p = invocation.Parse;
        if (invocation.Json || p.GetValue<bool>(GlobalOptions.DemoName) || p.GetValue<string?>(GlobalOptions.DbName) is not null ||
            p.GetValue<string?>(GlobalOptions.ConfigName) is not null)
        {
            return await UsageAsync(invocation, "--url attaches to a running instance: --db, --config, --demo and --json are for the local database only.");
        }

        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var baseAddress) ||
            baseAddress.Scheme is not ("http" or "https"))
        {
            return await UsageAsync(invocation, $"--url: '{address}' is not an http:// or https:// address.");
        }

        var key = apiKey ?? invocation.Context.Environment.GetValueOrDefault(ApiKeyVariable);
        await using var client = new RemoteConsoleClient(baseAddress, key, TimeProvider.System);
        try
        {
            await client.StatusAsync(invocation.CancellationToken); // a wrong address or key is said here, not on a blank screen
        }
        catch (OperationException ex)
        {
            await invocation.Error.WriteLineAsync(ex.Message);
            return ex.Error == OperationError.Unavailable ? ExitCodes.Failed : ExitCodes.Usage;
        }

        return await ConsoleHost.RunAsync(client, new ConsoleOptions(readOnly, null), TimeProvider.System, invocation.Out, invocation.Error);
    }

    /// <summary>The console's own --db, --config and --demo, for the commands typed at ':'.</summary>
    private static List<string> GlobalArgs(Invocation invocation)
    {
        var p = invocation.Parse;
        var args = new List<string>();
        if (p.GetValue<string?>(GlobalOptions.DbName) is { } db)
        {
            args.AddRange([GlobalOptions.DbName, db]);
        }

        if (p.GetValue<string?>(GlobalOptions.ConfigName) is { } config)
        {
            args.AddRange([GlobalOptions.ConfigName, config]);
        }

        if (p.GetValue<bool>(GlobalOptions.DemoName))
        {
            args.Add(GlobalOptions.DemoName);
        }

        return args;
    }

    private static async Task<int> UsageAsync(Invocation invocation, string message)
    {
        await invocation.Error.WriteLineAsync(message);
        return ExitCodes.Usage;
    }
}
