using System.CommandLine;
using MonitorCore.Hosting.Operations;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name")
        {
            Description = "The monitor to run (see 'monitorcore list'), or 'all' to run every monitor in registry order.",
        };
        var command = new Command(
            "run",
            "Run one monitor, or all of them, and record each run in the ledger; the notifications they raise are delivered before it exits. " +
            "One run prints its row with its metadata; 'run all' prints one line per run (--json: every row in full). Exit code 1 when a run ends in Error.");
        command.Arguments.Add(name);
        return command.WithAction(context, async (invocation, operations) =>
        {
            var target = invocation.Parse.GetValue(name)!;
            var all = string.Equals(target, "all", StringComparison.OrdinalIgnoreCase);
            var result = all
                ? await operations.Monitors.RunAllAsync(deliver: true, invocation.CancellationToken)
                : await operations.Monitors.RunAsync(target, deliver: true, invocation.CancellationToken);
            if (result.Delivery is { Total: > 0 } delivery)
            {
                await invocation.Error.WriteLineAsync($"notifications: {Describe(delivery)}");
            }

            if (invocation.Json)
            {
                invocation.WriteJson(all ? new { result.Runs } : result.Runs[0]);
            }
            else if (all)
            {
                // One line per run: a large book's metadata (every position's details) is for --json, not for a terminal.
                foreach (var entry in result.Runs)
                {
                    await invocation.Out.WriteLineAsync(LedgerText.Line(entry));
                }

                var counts = string.Join(", ", result.Runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
                await invocation.Out.WriteLineAsync($"{result.Runs.Count} runs: {counts}. 'monitorcore ledger' or --json shows each run's metadata.");
            }
            else
            {
                LedgerText.Write(invocation.Out, result.Runs[0], detailed: true);
            }

            return result.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
    }

    public static string Describe(DispatchReport report) =>
        $"{report.Sent} sent, {report.Failed} failed and queued for retry, {report.Dead} dead, {report.Skipped} skipped (channel not configured)";
}
