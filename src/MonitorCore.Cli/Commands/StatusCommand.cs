using System.CommandLine;
using MonitorCore.Alerts;

namespace MonitorCore.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context) =>
        new Command("status", "Show the health of every monitor from its newest ledger row and its age, the cycle, the alerts firing and the snoozes.")
            .WithAction(context, async (invocation, operations) =>
            {
                var snapshot = await operations.Status.GetAsync(invocation.CancellationToken);
                await invocation.WriteAsync(snapshot, async s =>
                {
                    var table = new TextTable("MONITOR", "HEALTH", "LAST STATUS", "LAST RUN", "AGE", "INTERVAL");
                    foreach (var m in s.Monitors)
                    {
                        table.Add(m.Name, m.Health.ToString(), m.LastStatus?.ToString() ?? "never run", Format.Time(m.LastRun), Format.Seconds(m.AgeSeconds), Format.Seconds(m.IntervalSeconds));
                    }

                    table.WriteTo(invocation.Out);
                    await invocation.Out.WriteLineAsync(
                        $"sonic: next cycle {(s.SonicNext is { } next ? "in " + Format.Seconds(next) : "not scheduled")}, " +
                        $"last complete {Format.Time(s.SonicLastComplete)}" + (s.Mode == "demo" ? " (demo market)" : ""));
                    await invocation.Out.WriteLineAsync($"leader: {LeaderText.Describe(s.Leader)}");
                    var firing = string.Join(", ", s.FiringAlerts.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key}"));
                    await invocation.Out.WriteLineAsync($"alerts firing: {(firing.Length == 0 ? "none" : firing)}");
                    foreach (var snooze in s.Snoozes)
                    {
                        var what = snooze.Scope == SnoozeScope.Global ? "everything" : $"{snooze.Scope.ToString().ToLowerInvariant()} {snooze.Target}";
                        await invocation.Out.WriteLineAsync(
                            $"snoozed: {what}, {(snooze.SecondsLeft is { } left ? Format.Seconds(left) + " left" : "until it resolves")}{(snooze.Reason is null ? "" : $" ({snooze.Reason})")}");
                    }
                });
                return ExitCodes.Ok;
            },
            DatabaseStart.Read);
}
