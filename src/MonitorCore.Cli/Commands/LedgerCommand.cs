using System.CommandLine;
using MonitorCore.Hosting.Operations;
using MonitorCore.Ledger;

namespace MonitorCore.Cli.Commands;

internal static class LedgerCommand
{
    public static Command Create(CliContext context)
    {
        var monitor = new Option<string?>("--monitor") { Description = "Only rows of this monitor.", HelpName = "NAME" };
        var status = new Option<string?>("--status") { Description = "Only rows of this status: Success, Warning, Error, Skipped or Disabled.", HelpName = "STATUS" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows, newest first (1 to 100000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1
                && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value is < 1 or > LedgerOperations.MaxLimit)
            {
                result.AddError($"--limit must be between 1 and {LedgerOperations.MaxLimit}.");
            }
        });

        var daily = new Option<bool>("--daily") { Description = "Runs per monitor and day by status, with their durations: kept for years (retention keeps the daily counts of the rows it deletes)." };
        var days = new Option<int>("--days") { Description = $"With --daily: this many days back, today included (1 to {LedgerOperations.MaxDays}).", DefaultValueFactory = _ => 30 };
        var command = new Command("ledger", "Show ledger rows, newest first; or, with --daily, the runs of each monitor day by day.");
        command.Options.Add(monitor);
        command.Options.Add(status);
        command.Options.Add(limit);
        command.Options.Add(daily);
        command.Options.Add(days);
        command.WithAction(context, async (invocation, operations) =>
        {
            var p = invocation.Parse;
            if (p.GetValue(daily))
            {
                var view = await operations.Ledger.DailyAsync(p.GetValue(monitor), p.GetValue(days), invocation.CancellationToken);
                await invocation.WriteAsync(view, v =>
                {
                    var table = new TextTable("DAY", "MONITOR", "RUNS", "SUCCESS", "WARNING", "ERROR", "SKIPPED", "DISABLED", "MIN", "AVG", "MAX");
                    foreach (var row in v.Rows)
                    {
                        string Count(string word) => row.ByStatus.TryGetValue(word, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
                        string Ms(double? ms) => ms is { } value ? value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " ms" : "-";
                        table.Add(row.Day, row.Monitor, row.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            Count("Success"), Count("Warning"), Count("Error"), Count("Skipped"), Count("Disabled"), Ms(row.MinMs), Ms(row.AvgMs), Ms(row.MaxMs));
                    }

                    table.WriteTo(invocation.Out);
                    return Task.CompletedTask;
                });
                return ExitCodes.Ok;
            }

            var page = await operations.Ledger.QueryAsync(
                new LedgerQuery(p.GetValue(monitor), p.GetValue(limit), Status: LedgerOperations.ParseStatus(p.GetValue(status))),
                invocation.CancellationToken);
            await invocation.WriteAsync(page, async result =>
            {
                if (result.Entries.Count == 0)
                {
                    await invocation.Out.WriteLineAsync("The ledger has no rows" + (p.GetValue(monitor) is { } name ? $" for {name}." : "."));
                }

                foreach (var row in result.Entries)
                {
                    LedgerText.Write(invocation.Out, row, detailed: false);
                }
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var paths = new Argument<string[]>("path")
        {
            Description = "Legacy JSON-lines ledger files (<monitor>_ledger.json), or folders holding them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var import = new Command(
            "import-json",
            "Import legacy JSON-lines ledgers into monitor_ledger. Importing the same lines twice adds nothing; " +
            "malformed lines are reported by line number and skipped.");
        import.Arguments.Add(paths);
        import.WithAction(context, async (invocation, operations) =>
        {
            var result = await operations.Ledger.ImportJsonAsync(invocation.Parse.GetValue(paths)!, invocation.CancellationToken);
            await invocation.WriteAsync(result, async r =>
            {
                foreach (var file in r.Files)
                {
                    await invocation.Out.WriteLineAsync($"{file.File}: {file.Imported} imported, {file.AlreadyPresent} already present, {file.Malformed.Count} malformed");
                    foreach (var line in file.Malformed)
                    {
                        await invocation.Error.WriteLineAsync($"{file.File}:{line.Line}: skipped: {line.Message}");
                    }
                }

                if (r.OlderThanRetention > 0)
                {
                    await invocation.Out.WriteLineAsync(
                        $"note: {r.OlderThanRetention} of these rows are older than {r.RetentionDays} days (Ledger:RetentionDays): retention will delete them, " +
                        "keeping their daily counts (monitorcore ledger --daily). To keep the rows, raise Ledger:RetentionDays first.");
                }
            });
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(import);
        return command;
    }
}
