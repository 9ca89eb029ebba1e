using System.CommandLine;
using System.Globalization;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;
using MonitorCore.Notifications;

namespace MonitorCore.Cli.Commands;

internal static class NotificationsCommand
{
    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only pending, failed, sent, dead or skipped ones." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("notifications", "The notification outbox: each notification with its channel, status, attempts and last error.");
        command.Options.Add(status);
        command.Options.Add(limit);
        command.WithAction(context, async (invocation, operations) =>
        {
            var word = invocation.Parse.GetValue(status);
            var list = await operations.Notifications.ListAsync(NotificationOperations.ParseStatus(word), invocation.Parse.GetValue(limit), invocation.CancellationToken);
            await invocation.WriteAsync(list, async l =>
            {
                if (l.Notifications.Count == 0)
                {
                    await invocation.Out.WriteLineAsync("The outbox is empty" + (word is null ? "." : $" of {word} notifications."));
                    return;
                }

                var table = new TextTable("ID", "CHANNEL", "STATUS", "TRIES", "LEVEL", "CREATED", "SUBJECT", "LAST ERROR");
                foreach (var n in l.Notifications)
                {
                    table.Add(n.Id.ToString(CultureInfo.InvariantCulture), n.Channel, n.Status.Word(),
                        n.Attempts.ToString(CultureInfo.InvariantCulture), n.Level.Word(), Format.Time(n.CreatedAt), n.Subject, n.LastError);
                }

                table.WriteTo(invocation.Out);
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var id = new Argument<long>("id") { Description = "The notification's id." };
        var retry = new Command("retry", "Send a failed, dead or skipped notification again now.");
        retry.Arguments.Add(id);
        retry.WithAction(context, async (invocation, operations) =>
        {
            var result = await operations.Notifications.RetryAsync(invocation.Parse.GetValue(id), deliver: true, invocation.CancellationToken);
            await invocation.WriteAsync(result, r => invocation.Out.WriteLineAsync(
                $"Notification {r.Id} queued again: {r.Sent} sent, {r.Failed} failed and queued for retry, {r.Dead} dead, {r.Skipped} skipped (channel not configured)."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(retry);
        return command;
    }

    public static Command CreateXCom(CliContext context)
    {
        var channel = new Option<string>("--channel") { Description = "The channel to test (email, sms, voice, slack, sound, webhook, or a plugin's).", Required = true };
        var level = new Option<string>("--level") { Description = "The level of the test notification: LOW, MEDIUM or HIGH.", DefaultValueFactory = _ => "LOW" };
        var test = new Command("test", "Send a test notification through one channel, via the outbox and the dispatcher, and say what the provider answered.");
        test.Options.Add(channel);
        test.Options.Add(level);
        test.WithAction(context, async (invocation, operations) =>
        {
            var word = invocation.Parse.GetValue(level)!;
            var parsed = Vocabulary.TryParse<AlertLevel>(word, out var l)
                ? l
                : throw OperationException.Invalid($"--level '{word}' is not one of {string.Join(", ", Vocabulary.Words<AlertLevel>())}.", "level");
            var result = await operations.Notifications.TestChannelAsync(invocation.Parse.GetValue(channel)!, parsed, "monitorcore xcom test", invocation.CancellationToken);
            var sent = result.Result;
            await invocation.WriteAsync(sent, s => invocation.Out.WriteLineAsync(
                $"{s.Channel}: {s.Status.Word().ToLowerInvariant()} (notification {s.NotificationId})"
                + (s.ProviderMessageId is { } pid ? $", provider id {pid}" : "") + (s.Error is { } e ? $": {e}" : "")));
            return sent.Status == NotificationStatus.Sent ? ExitCodes.Ok : ExitCodes.Failed;
        });
        var command = new Command("xcom", "Notification delivery checks.");
        command.Subcommands.Add(test);
        return command;
    }
}
