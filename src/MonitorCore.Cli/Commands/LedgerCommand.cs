using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting;
using MonitorCore.Ledger;

namespace MonitorCore.Cli.Commands;

internal static class LedgerCommand
{
    public static Command Create(CliContext context)
    {
        var monitor = new Option<string?>("--monitor")
        {
            Description = "Only rows of this monitor.",
            HelpName = "NAME",
        };

        var limit = new Option<int>("--limit")
        {
            Description = "At most this many rows, newest first.",
            DefaultValueFactory = _ => 20,
        };

        var paths = new Argument<string[]>("path")
        {
            Description = "Legacy JSON-lines ledger files (<monitor>_ledger.json), or folders holding them.",
            Arity = ArgumentArity.OneOrMore,
        };

        limit.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1
                && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value is < 1 or > 100_000)
            {
                result.AddError("--limit must be between 1 and 100000.");
            }
        });

        var command = new Command("ledger", "Show ledger rows, newest first.");
        command.Options.Add(monitor);
        command.Options.Add(limit);
        command.WithHostAction(context, (invocation, host) => ShowAsync(invocation, host, invocation.Parse.GetValue(monitor), invocation.Parse.GetValue(limit)));

        var import = new Command(
            "import-json",
            "Import legacy JSON-lines ledgers into monitor_ledger. Importing the same lines twice adds nothing; " +
            "malformed lines are reported by line number and skipped.");
        import.Arguments.Add(paths);
        import.WithHostAction(context, (invocation, host) => ImportAsync(invocation, host, invocation.Parse.GetValue(paths)!));
        command.Subcommands.Add(import);
        return command;
    }

    private static async Task<int> ShowAsync(Invocation invocation, MonitorCoreHost host, string? monitor, int limit)
    {
        var ledger = host.Services.GetRequiredService<IMonitorLedger>();
        var rows = await ledger.QueryAsync(
            new LedgerQuery(monitor, limit), invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Entries = rows });
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            await invocation.Out.WriteLineAsync("The ledger has no rows" + (monitor is null ? "." : $" for {monitor}."));
        }

        foreach (var row in rows)
        {
            LedgerText.Write(invocation.Out, row, detailed: false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ImportAsync(Invocation invocation, MonitorCoreHost host, string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, invocation.Settings.BaseDirectory);
            if (Directory.Exists(full))
            {
                files.AddRange(Directory.GetFiles(full, "*_ledger.json").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                await invocation.Error.WriteLineAsync($"{full}: no such file or folder.");
                return ExitCodes.Usage;
            }
        }

        var ledger = host.Services.GetRequiredService<IMonitorLedger>();
        var reports = new List<object>();
        var totalErrors = 0;
        foreach (var file in files)
        {
            LegacyLedgerParseResult parsed;
            using (var reader = new StreamReader(file))
            {
                parsed = LegacyLedgerParser.Parse(reader, file);
            }

            var imported = await ledger.ImportAsync(parsed.Entries, invocation.CancellationToken);
            totalErrors += parsed.Errors.Count;
            reports.Add(new
            {
                File = file,
                Read = parsed.Entries.Count,
                Imported = imported,
                AlreadyPresent = parsed.Entries.Count - imported,
                Malformed = parsed.Errors.Select(e => new { Line = e.LineNumber, e.Message }).ToList(),
            });

            if (!invocation.Json)
            {
                await invocation.Out.WriteLineAsync(
                    $"{file}: {imported} imported, {parsed.Entries.Count - imported} already present, {parsed.Errors.Count} malformed");
                foreach (var error in parsed.Errors)
                {
                    await invocation.Error.WriteLineAsync($"{file}:{error.LineNumber}: skipped: {error.Message}");
                }
            }
        }

        if (invocation.Json)
        {
            invocation.WriteJson(new { Files = reports, Malformed = totalErrors });
        }

        return ExitCodes.Ok;
    }
}
