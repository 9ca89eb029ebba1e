using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Monitoring;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Notifications.XCom;

/// <summary>What a test send did, per channel.</summary>
public sealed record TestSendResult(long NotificationId, string Channel, NotificationStatus Status, string? Error, string? ProviderMessageId);

/// <summary>
/// Sends a test notification through the real pipeline: a row in the outbox first, then the dispatcher,
/// then the row's outcome read back. Used by <c>xcom_monitor</c> and <c>monitorcore xcom test</c>.
/// </summary>
public sealed class TestNotifier(
    INotificationOutbox outbox,
    NotificationDispatcher dispatcher,
    ChannelCatalog channels,
    TimeProvider time)
{
    public async Task<TestSendResult> SendAsync(string channel, AlertLevel level, string origin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var target = channels.Find(channel);
        var levelWord = level.Word();
        var notification = new Notification
        {
            Channel = channel,
            Recipient = target?.DefaultRecipient ?? "",
            Subject = $"[{levelWord}] Monitor Core test notification",
            Body = $"This is a {levelWord} test notification from Monitor Core ({origin}), sent {now:yyyy-MM-dd HH:mm:ss} UTC through the {channel} channel. Nothing needs doing.",
            Level = level,
            IdempotencyKey = $"test-{channel}-{Guid.NewGuid():N}",
            CreatedAt = now,
            NextAttemptAt = now,
        };
        var stored = (await outbox.EnqueueAsync([notification], cancellationToken))[0];
        await dispatcher.DispatchDueAsync(cancellationToken);
        var after = await outbox.GetAsync(stored.Id, cancellationToken) ?? stored;
        return new TestSendResult(after.Id, channel, after.Status, after.LastError, after.ProviderMessageId);
    }

    /// <summary>The run result of a test send: Success when sent; Warning when skipped or retrying; Error when dead.</summary>
    public static MonitorResult ToResult(TestSendResult sent)
    {
        var entry = new JsonObject { ["status"] = sent.Status.Word() };
        if (sent.Error is not null)
        {
            entry["error"] = sent.Error;
        }

        var metadata = new JsonObject { ["notification_id"] = sent.NotificationId, ["channels"] = new JsonObject { [sent.Channel] = entry } };
        return sent.Status switch
        {
            NotificationStatus.Sent => MonitorResult.Success(metadata),
            NotificationStatus.Dead => MonitorResult.Error($"{sent.Channel} refused the test notification: {sent.Error}", metadata),
            NotificationStatus.Skipped => MonitorResult.Warning($"{sent.Channel} {sent.Error}", metadata),
            _ => MonitorResult.Warning($"{sent.Channel} did not deliver yet ({sent.Error}); it stays queued and is retried", metadata),
        };
    }
}
