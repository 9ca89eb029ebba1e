using System.CommandLine;
using System.Globalization;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.Commands;

internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Resolved alerts too, newest first." };
        var limit = new Option<int>("--limit") { Description = "At most this many alerts.", DefaultValueFactory = _ => 100 };
        var command = new Command("alerts", "The firing alerts: level, rule, subject, value and threshold; acknowledge and snooze them.");
        command.Options.Add(all);
        command.Options.Add(limit);
        command.WithAction(context, async (invocation, operations) =>
        {
            var everything = invocation.Parse.GetValue(all);
            var list = await operations.Alerts.ListAsync(everything, invocation.Parse.GetValue(limit), invocation.CancellationToken);
            await invocation.WriteAsync(list, l => WriteTableAsync(invocation, l, everything));
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var id = new Argument<long>("id") { Description = "The alert's id (see 'monitorcore alerts')." };
        var ack = new Command("ack", "Acknowledge an alert: its repeated calls stop; it still resolves on its own.");
        ack.Arguments.Add(id);
        ack.WithAction(context, async (invocation, operations) =>
        {
            var done = await operations.Alerts.AcknowledgeAsync(invocation.Parse.GetValue(id), invocation.CancellationToken);
            await invocation.WriteAsync(done, d => invocation.Out.WriteLineAsync($"Alert {d.Id} acknowledged: its reminders stop."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(ack);

        var target = new Argument<string>("target") { Description = "An alert id, a monitor name (e.g. liquid_monitor), or 'all'." };
        var duration = new Option<string?>("--for") { Description = "How long: 30m, 2h, 1d, 1h30m (a unit is required).", HelpName = "DURATION" };
        var untilResolved = new Option<bool>("--until-resolved") { Description = "Until the alert resolves (alerts only)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for whoever looks later." };
        var snooze = new Command("snooze", "Stop the sends of an alert, a monitor or everything for a while; evaluation and the ledger go on.");
        snooze.Arguments.Add(target);
        snooze.Options.Add(duration);
        snooze.Options.Add(untilResolved);
        snooze.Options.Add(reason);
        snooze.WithAction(context, async (invocation, operations) =>
        {
            var p = invocation.Parse;
            TimeSpan? span = null;
            if (p.GetValue(duration) is { } text)
            {
                span = Durations.TryParse(text, out var parsed, out var problem)
                    ? parsed
                    : throw OperationException.Invalid($"--for: {problem}", "duration");
            }

            var added = await operations.Alerts.SnoozeAsync(
                new SnoozeRequest(p.GetValue(target)!, span, p.GetValue(untilResolved), p.GetValue(reason)), invocation.CancellationToken);
            await invocation.WriteAsync(added, s => invocation.Out.WriteLineAsync(
                $"Snoozed {s.Describe()} {(s.Until is { } until ? "until " + Format.Time(until) + $" ({until.ToLocalTime():yyyy-MM-dd HH:mm} local time)" : "until it resolves")} (snooze {s.Id})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(snooze);

        var unsnoozeTarget = new Argument<string>("target") { Description = "What was snoozed: an alert id, a monitor name, 'all', or a snooze id." };
        var unsnooze = new Command("unsnooze", "End snoozes now.");
        unsnooze.Arguments.Add(unsnoozeTarget);
        unsnooze.WithAction(context, async (invocation, operations) =>
        {
            var result = await operations.Alerts.UnsnoozeAsync(invocation.Parse.GetValue(unsnoozeTarget)!, invocation.CancellationToken);
            await invocation.WriteAsync(result, r => invocation.Out.WriteLineAsync($"{r.Removed} snooze(s) ended."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(unsnooze);

        var snoozes = new Command("snoozes", "The snoozes in force, with the time they have left.");
        snoozes.WithAction(context, async (invocation, operations) =>
        {
            var list = await operations.Alerts.SnoozesAsync(invocation.CancellationToken);
            await invocation.WriteAsync(list, async l =>
            {
                if (l.Snoozes.Count == 0)
                {
                    await invocation.Out.WriteLineAsync("No snoozes.");
                    return;
                }

                var table = new TextTable("ID", "WHAT", "LEFT", "REASON");
                foreach (var s in l.Snoozes)
                {
                    table.Add(s.Id, s.Scope, s.SecondsLeft is { } left ? Format.Seconds(left) : "until resolved", s.Reason);
                }

                table.WriteTo(invocation.Out);
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);
        command.Subcommands.Add(snoozes);
        return command;
    }

    private static async Task WriteTableAsync(Invocation invocation, AlertList list, bool all)
    {
        if (list.Alerts.Count == 0)
        {
            await invocation.Out.WriteLineAsync(all ? "No alerts yet." : "No alerts firing.");
            return;
        }

        var table = new TextTable("ID", "STATE", "LEVEL", "RULE", "SUBJECT", "VALUE", "LINE", "SINCE", "ACK", "MESSAGE");
        foreach (var a in list.Alerts)
        {
            table.Add(a.Id.ToString(CultureInfo.InvariantCulture), a.State.Word(), a.Level.Word(), a.Rule,
                a.Subject.Length > 14 ? a.Subject[..14] + "…" : a.Subject, Format.Money(a.Value), Format.Money(a.Threshold), Format.Time(a.FirstSeen),
                a.AcknowledgedAt is null ? "-" : "yes", a.Message);
        }

        table.WriteTo(invocation.Out);
        if (list.Truncated)
        {
            await invocation.Out.WriteLineAsync($"Only the newest {list.Alerts.Count} are shown; use --limit to see more.");
        }
    }
}
