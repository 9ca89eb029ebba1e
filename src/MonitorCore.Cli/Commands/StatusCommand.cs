using System.CommandLine;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context) =>
        new Command("status", "Show the health of every monitor from its newest ledger row and its age.")
            .WithHostAction(context, RunAsync);

    private static async Task<int> RunAsync(Invocation invocation, MonitorCoreHost host)
    {
        var snapshot = await host.Controller.GetStatusSnapshotAsync(invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(snapshot);
            return ExitCodes.Ok;
        }

        var table = new TextTable("MONITOR", "HEALTH", "LAST STATUS", "LAST RUN", "AGE", "INTERVAL");
        foreach (var m in snapshot.Monitors)
        {
            table.Add(
                m.Name,
                m.Health.ToString(),
                m.LastStatus?.ToString() ?? "never run",
                Format.Time(m.LastRun),
                Format.Seconds(m.AgeSeconds),
                Format.Seconds(m.IntervalSeconds));
        }

        table.WriteTo(invocation.Out);
        await invocation.Out.WriteLineAsync(
            $"sonic: next cycle {(snapshot.SonicNext is { } next ? "in " + Format.Seconds(next) : "not scheduled")}, " +
            $"last complete {Format.Time(snapshot.SonicLastComplete)}" + (snapshot.Mode == "demo" ? " (demo market)" : ""));
        var firing = string.Join(", ", snapshot.FiringAlerts.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key}"));
        await invocation.Out.WriteLineAsync($"alerts firing: {(firing.Length == 0 ? "none" : firing)}");
        foreach (var snooze in snapshot.Snoozes)
        {
            var what = snooze.Scope == "global" ? "everything" : $"{snooze.Scope} {snooze.Target}";
            await invocation.Out.WriteLineAsync(
                $"snoozed: {what}, {(snooze.SecondsLeft is { } left ? Format.Seconds(left) + " left" : "until it resolves")}{(snooze.Reason is null ? "" : $" ({snooze.Reason})")}");
        }
        return ExitCodes.Ok;
    }
}
