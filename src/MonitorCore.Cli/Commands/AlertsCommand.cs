using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Resolved alerts too (the newest 100)." };
        var command = new Command("alerts", "The firing alerts: level, rule, subject, value and threshold; acknowledge and snooze them.");
        command.Options.Add(all);
        command.WithHostAction(context, (invocation, host) => ListAsync(invocation, host, invocation.Parse.GetValue(all)));

        var id = new Argument<long>("id") { Description = "The alert's id (see 'monitorcore alerts')." };
        var ack = new Command("ack", "Acknowledge an alert: its repeated calls stop; it still resolves on its own.");
        ack.Arguments.Add(id);
        ack.WithHostAction(context, (invocation, host) => AckAsync(invocation, host, invocation.Parse.GetValue(id)));
        command.Subcommands.Add(ack);

        var target = new Argument<string>("target") { Description = "An alert id, a monitor name (e.g. liquid_monitor), or 'all'." };
        var duration = new Option<string?>("--for") { Description = "How long: 30m, 2h, 1d, 1h30m.", HelpName = "DURATION" };
        var untilResolved = new Option<bool>("--until-resolved") { Description = "Until the alert resolves (alerts only)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for whoever looks later." };
        var snooze = new Command("snooze", "Stop the sends of an alert, a monitor or everything for a while; evaluation and the ledger go on.");
        snooze.Arguments.Add(target);
        snooze.Options.Add(duration);
        snooze.Options.Add(untilResolved);
        snooze.Options.Add(reason);
        snooze.WithHostAction(context, (invocation, host) => SnoozeAsync(
            invocation, host, invocation.Parse.GetValue(target)!, invocation.Parse.GetValue(duration), invocation.Parse.GetValue(untilResolved), invocation.Parse.GetValue(reason)));
        command.Subcommands.Add(snooze);

        var unsnoozeTarget = new Argument<string>("target") { Description = "What was snoozed: an alert id, a monitor name, 'all', or a snooze id." };
        var unsnooze = new Command("unsnooze", "End snoozes now.");
        unsnooze.Arguments.Add(unsnoozeTarget);
        unsnooze.WithHostAction(context, (invocation, host) => UnsnoozeAsync(invocation, host, invocation.Parse.GetValue(unsnoozeTarget)!));
        command.Subcommands.Add(unsnooze);

        var snoozes = new Command("snoozes", "The snoozes in force, with the time they have left.");
        snoozes.WithHostAction(context, SnoozesAsync);
        command.Subcommands.Add(snoozes);
        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host, bool all)
    {
        var alerts = await host.Services.GetRequiredService<AlertRepository>().ListAsync(!all, 100, invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Alerts = alerts });
            return ExitCodes.Ok;
        }

        if (alerts.Count == 0)
        {
            await invocation.Out.WriteLineAsync(all ? "No alerts yet." : "No alerts firing.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "STATE", "LEVEL", "RULE", "SUBJECT", "VALUE", "LINE", "SINCE", "ACK", "MESSAGE");
        foreach (var a in alerts)
        {
            table.Add(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.State.ToString().ToUpperInvariant(), a.Level.ToString().ToUpperInvariant(), a.Rule,
                a.Subject.Length > 14 ? a.Subject[..14] + "…" : a.Subject, Format.Money(a.Value), Format.Money(a.Threshold), Format.Time(a.FirstSeen),
                a.AcknowledgedAt is null ? "-" : "yes", a.Message);
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static async Task<int> AckAsync(Invocation invocation, MonitorCoreHost host, long id)
    {
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await host.Services.GetRequiredService<AlertRepository>().AcknowledgeAsync(id, now, invocation.CancellationToken))
        {
            await invocation.Error.WriteLineAsync($"No firing, unacknowledged alert {id}. See 'monitorcore alerts'.");
            return ExitCodes.Usage;
        }

        await invocation.Out.WriteLineAsync(invocation.Json ? CliJson.Serialize(new { Id = id, Acknowledged = true }) : $"Alert {id} acknowledged: its reminders stop.");
        return ExitCodes.Ok;
    }

    private static async Task<int> SnoozeAsync(Invocation invocation, MonitorCoreHost host, string target, string? duration, bool untilResolved, string? reason)
    {
        TimeSpan? span = null;
        if (duration is not null && (span = Format.ParseDuration(duration)) is null)
        {
            await invocation.Error.WriteLineAsync($"--for '{duration}' is not a duration: write 30m, 2h, 1d or 1h30m.");
            return ExitCodes.Usage;
        }

        if (await ScopeOf(invocation, host, target) is not { } scope)
        {
            return ExitCodes.Usage;
        }

        try
        {
            var snooze = await host.Services.GetRequiredService<SnoozeService>().AddAsync(scope.Scope, scope.Target, span, untilResolved, reason, invocation.CancellationToken);
            await invocation.Out.WriteLineAsync(invocation.Json
                ? CliJson.Serialize(snooze)
                : $"Snoozed {snooze.Describe()} {(snooze.Until is { } until ? "until " + Format.Time(until) : "until it resolves")} (snooze {snooze.Id}).");
            return ExitCodes.Ok;
        }
        catch (ArgumentException ex)
        {
            await invocation.Error.WriteLineAsync(ex.Message.Split(" (Parameter")[0]);
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> UnsnoozeAsync(Invocation invocation, MonitorCoreHost host, string target)
    {
        var service = host.Services.GetRequiredService<SnoozeService>();
        var removed = await service.RemoveAsync(s => s.Id == target, invocation.CancellationToken);
        if (removed == 0 && await ScopeOf(invocation, host, target) is { } scope)
        {
            removed = await service.RemoveAsync(s => s.Scope == scope.Scope && s.Target == scope.Target, invocation.CancellationToken);
        }

        await invocation.Out.WriteLineAsync(invocation.Json ? CliJson.Serialize(new { Removed = removed }) : $"{removed} snooze(s) ended.");
        return removed > 0 ? ExitCodes.Ok : ExitCodes.Usage;
    }

    private static async Task<int> SnoozesAsync(Invocation invocation, MonitorCoreHost host)
    {
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var active = await host.Services.GetRequiredService<SnoozeService>().ActiveAsync(invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Snoozes = active.Select(s => new { s.Id, Scope = s.Describe(), SecondsLeft = s.SecondsLeft(now), s.UntilResolved, s.Reason }) });
            return ExitCodes.Ok;
        }

        if (active.Count == 0)
        {
            await invocation.Out.WriteLineAsync("No snoozes.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "WHAT", "LEFT", "REASON");
        foreach (var s in active)
        {
            table.Add(s.Id, s.Describe(), s.SecondsLeft(now) is { } left ? Format.Seconds(left) : "until resolved", s.Reason);
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static async Task<(SnoozeScope Scope, string? Target)?> ScopeOf(Invocation invocation, MonitorCoreHost host, string target)
    {
        if (target == "all")
        {
            return (SnoozeScope.Global, null);
        }

        if (long.TryParse(target, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return await host.Services.GetRequiredService<AlertRepository>().GetAsync(id, invocation.CancellationToken) is null
                ? await Fail($"No alert {id}. See 'monitorcore alerts --all'.")
                : (SnoozeScope.Alert, target);
        }

        return host.Controller.Registry.TryGet(target, out _)
            ? (SnoozeScope.Monitor, target)
            : await Fail($"'{target}' is not an alert id, a monitor or 'all'. Monitors: {string.Join(", ", host.Controller.Registry.Names)}.");

        async Task<(SnoozeScope, string?)?> Fail(string message)
        {
            await invocation.Error.WriteLineAsync(message);
            return null;
        }
    }
}
