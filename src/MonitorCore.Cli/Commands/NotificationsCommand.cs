using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;
using MonitorCore.Notifications.XCom;

namespace MonitorCore.Cli.Commands;

internal static class NotificationsCommand
{
    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only pending, failed, sent, dead or skipped ones." };
        status.AcceptOnlyFromAmong("pending", "failed", "sent", "dead", "skipped");
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("notifications", "The notification outbox: each notification with its channel, status, attempts and last error.");
        command.Options.Add(status);
        command.Options.Add(limit);
        command.WithHostAction(context, (invocation, host) => ListAsync(invocation, host, invocation.Parse.GetValue(status), invocation.Parse.GetValue(limit)));

        var id = new Argument<long>("id") { Description = "The notification's id." };
        var retry = new Command("retry", "Send a failed, dead or skipped notification again now.");
        retry.Arguments.Add(id);
        retry.WithHostAction(context, (invocation, host) => RetryAsync(invocation, host, invocation.Parse.GetValue(id)));
        command.Subcommands.Add(retry);
        return command;
    }

    public static Command CreateXCom(CliContext context)
    {
        var channel = new Option<string>("--channel") { Description = "The channel to test.", Required = true };
        channel.AcceptOnlyFromAmong([.. ChannelNames.All]);
        var level = new Option<string>("--level") { Description = "The level of the test notification.", DefaultValueFactory = _ => "LOW" };
        level.AcceptOnlyFromAmong("LOW", "MEDIUM", "HIGH", "low", "medium", "high");
        var test = new Command("test", "Send a test notification through one channel, via the outbox and the dispatcher, and say what the provider answered.");
        test.Options.Add(channel);
        test.Options.Add(level);
        test.WithHostAction(context, (invocation, host) => TestAsync(
            invocation, host, invocation.Parse.GetValue(channel)!, Enum.Parse<AlertLevel>(invocation.Parse.GetValue(level)!, ignoreCase: true)));
        var command = new Command("xcom", "Notification delivery checks.");
        command.Subcommands.Add(test);
        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host, string? status, int limit)
    {
        NotificationStatus? filter = status is null ? null : Enum.Parse<NotificationStatus>(status, ignoreCase: true);
        var rows = await host.Services.GetRequiredService<NotificationOutbox>().ListAsync(filter, Math.Clamp(limit, 1, 10_000), invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Notifications = rows });
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            await invocation.Out.WriteLineAsync("The outbox is empty" + (status is null ? "." : $" of {status} notifications."));
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "CHANNEL", "STATUS", "TRIES", "LEVEL", "CREATED", "SUBJECT", "LAST ERROR");
        foreach (var n in rows)
        {
            table.Add(n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Channel, NotificationOutbox.Word(n.Status),
                n.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Level.ToString().ToUpperInvariant(), Format.Time(n.CreatedAt), n.Subject, n.LastError);
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static async Task<int> RetryAsync(Invocation invocation, MonitorCoreHost host, long id)
    {
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await host.Services.GetRequiredService<NotificationOutbox>().RetryAsync(id, now, invocation.CancellationToken))
        {
            await invocation.Error.WriteLineAsync($"No failed, dead or skipped notification {id}. See 'monitorcore notifications'.");
            return ExitCodes.Usage;
        }

        var report = await CliDispatch.DrainAsync(invocation, host);
        await invocation.Out.WriteLineAsync(invocation.Json ? CliJson.Serialize(new { Id = id, report.Sent, report.Failed, report.Dead, report.Skipped }) : $"Notification {id} queued again: {CliDispatch.Describe(report)}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> TestAsync(Invocation invocation, MonitorCoreHost host, string channel, AlertLevel level)
    {
        var time = host.Services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        var sent = await host.Services.GetRequiredService<TestNotifier>().SendAsync(channel, level, "monitorcore xcom test", invocation.CancellationToken);

        // The test is an xcom_monitor run: the ledger shows it beside the outbox row.
        var result = TestNotifier.ToResult(sent);
        result.Metadata["trigger"] = "monitorcore xcom test";
        await host.Services.GetRequiredService<MonitorRunner>().RecordAsync(new LedgerEntry(
            0, "xcom_monitor", at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMicrosecond)), result.Status, result.Metadata,
            Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3), null));
        if (invocation.Json)
        {
            invocation.WriteJson(sent);
        }
        else
        {
            await invocation.Out.WriteLineAsync($"{channel}: {NotificationOutbox.Word(sent.Status)} (notification {sent.NotificationId})"
                + (sent.ProviderMessageId is { } pid ? $", provider id {pid}" : "") + (sent.Error is { } e ? $": {e}" : ""));
        }

        return sent.Status == NotificationStatus.Sent ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
