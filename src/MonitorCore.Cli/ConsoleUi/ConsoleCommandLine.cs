using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>What a command typed at <c>:</c> printed (standard output and error, in order) and its exit code.</summary>
internal sealed record CommandOutput(string CommandLine, int ExitCode, string Text);

/// <summary>
/// The console's <c>:</c>: any CLI command, run in this process by <see cref="CliApp.RunAsync"/> on the console's own
/// database and settings (its <c>--db</c>, <c>--config</c> and <c>--demo</c> go along), its output captured for a panel.
/// Its logs are dropped rather than written over the screen; <c>console</c> and <c>serve</c> do not run here.
/// </summary>
internal sealed class ConsoleCommandLine(CliContext context, IReadOnlyList<string> globalArgs)
{
    private static readonly string[] NotHere = ["console", "serve"];

    public async Task<CommandOutput> RunAsync(string line, CancellationToken cancellationToken)
    {
        var args = Split(line);
        if (args.Count > 0 && args[0] == "monitorcore")
        {
            args.RemoveAt(0);
        }

        if (args.Count == 0)
        {
            throw OperationException.Invalid("Type a command after ':', e.g. 'status', 'ledger --limit 5' or 'alerts ack 12'.");
        }

        if (NotHere.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            throw OperationException.Invalid($"'{args[0]}' does not run inside the console: start it in another terminal.");
        }

        using var output = new StringWriter();
        var inner = context with
        {
            Out = output,
            Error = output,
            ConfigureServices = services =>
            {
                context.ConfigureServices?.Invoke(services);
                services.RemoveAll<ILoggerProvider>();
            },
        };
        var code = await CliApp.RunAsync([.. args, .. globalArgs], inner, cancellationToken);
        return new CommandOutput(string.Join(' ', args), code, output.ToString());
    }

    /// <summary>Splits a command line into arguments as a shell would for plain words and '…' or "…" quoting.</summary>
    public static List<string> Split(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
