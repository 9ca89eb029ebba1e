using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Diagnostics;
using MonitorCore.Events;

namespace MonitorCore.Notifications.Dispatch;

/// <summary>What one pass did.</summary>
public sealed record DispatchReport(int Sent, int Failed, int Dead, int Skipped)
{
    public static readonly DispatchReport Empty = new(0, 0, 0, 0);

    public int Total => Sent + Failed + Dead + Skipped;

    public DispatchReport Add(DispatchReport other) => new(Sent + other.Sent, Failed + other.Failed, Dead + other.Dead, Skipped + other.Skipped);
}

/// <summary>
/// Sends what the outbox holds. A pass claims the due rows under a lease, merges rows of the same
/// channel, recipient and group into one message, and sends every channel concurrently, each send
/// under its own timeout, so one slow or broken provider never delays another. A failure is retried
/// with exponential backoff and jitter (or the provider's Retry-After); a permanent refusal or the
/// last attempt makes the row <c>dead</c>; an unconfigured channel makes it <c>skipped</c> with a note.
/// Each outcome, once the outbox holds it, is a <c>notification_sent</c> or <c>notification_failed</c>
/// event (failed, dead or skipped: its <c>status</c> says which) with the rows as they now are.
/// </summary>
public sealed partial class NotificationDispatcher(
    INotificationOutbox outbox,
    ChannelCatalog channels,
    EventRecorder events,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    Random random,
    ILogger<NotificationDispatcher> logger)
{
    private readonly string _owner = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>One pass over the due rows.</summary>
    public async Task<DispatchReport> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var claimed = await outbox.ClaimDueAsync(_owner, now, now + settings.Lease, settings.BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return DispatchReport.Empty;
        }

        var messages = claimed.GroupBy(n => (n.Channel, n.Recipient, Group: n.GroupKey ?? n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(g => g.ToList())
            .GroupBy(rows => rows[0].Channel, StringComparer.Ordinal);
        var reports = await Task.WhenAll(messages.Select(channel => SendChannelAsync(channel.Key, [.. channel], settings, cancellationToken)));
        return reports.Aggregate(DispatchReport.Empty, (a, b) => a.Add(b));
    }

    /// <summary>
    /// Dispatches until nothing is due within <paramref name="maxWait"/> (waiting out retry delays that
    /// fall inside it); what still fails stays in the outbox for the next dispatcher.
    /// </summary>
    public async Task<DispatchReport> DrainAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + maxWait;
        var total = DispatchReport.Empty;
        while (!cancellationToken.IsCancellationRequested)
        {
            total = total.Add(await DispatchDueAsync(cancellationToken));
            if (await outbox.NextDueAsync(cancellationToken) is not { } next || next > deadline)
            {
                break;
            }

            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        return total;
    }

    private async Task<DispatchReport> SendChannelAsync(
        string name, List<List<Notifications.Notification>> messages, DispatchOptions settings, CancellationToken cancellationToken)
    {
        var report = DispatchReport.Empty;
        foreach (var rows in messages)
        {
            report = report.Add(await SendAsync(name, rows, settings, cancellationToken));
        }

        return report;
    }

    private async Task<DispatchReport> SendAsync(string name, List<Notifications.Notification> rows, DispatchOptions settings, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var channel = channels.Find(name);
        var note = channel is null
            ? $"no channel named '{name}' (registered: {string.Join(", ", channels.Names)})"
            : channel.NotConfiguredReason is { } reason ? $"not sent: {reason}" : null;
        if (channel is null || note is not null)
        {
            note ??= "not sent";
            await outbox.MarkSkippedAsync(ids, _owner, note, CancellationToken.None);
            LogSkipped(logger, name, note);
            await RecordAsync(name, NotificationStatus.Skipped, null, note, [.. rows.Select(r => r with { Status = NotificationStatus.Skipped, LastError = note })]);
            return new DispatchReport(0, 0, 0, rows.Count);
        }

        var message = Merge(rows);
        var started = time.GetTimestamp();
        DeliveryResult result;
        using (var timeout = new CancellationTokenSource(settings.SendTimeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            Task<DeliveryResult>? sending = null;
            try
            {
                sending = channel.SendAsync(message, linked.Token);
                result = await sending.WaitAsync(settings.SendTimeout, time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
            {
                result = DeliveryResult.Failure($"no answer within {settings.SendTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = DeliveryResult.Failure($"{ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                // A send given up on (its deadline, a stop) is told to stop, so that it does not deliver after being
                // recorded as failed; the wait can end before the linked token passes the cancellation on.
                if (sending is { IsCompleted: false })
                {
                    await linked.CancelAsync();
                }
            }
        }

        var ms = time.GetElapsedTime(started).TotalMilliseconds;
        if (result.Delivered)
        {
            var sentAt = time.GetUtcNow();
            await outbox.MarkSentAsync(ids, _owner, result.ProviderMessageId, sentAt, CancellationToken.None);
            LogSent(logger, name, rows.Count, ms);
            await RecordAsync(name, NotificationStatus.Sent, result.ProviderMessageId, null, [.. rows.Select(r => r with
            {
                Status = NotificationStatus.Sent, Attempts = r.Attempts + 1, SentAt = sentAt, ProviderMessageId = result.ProviderMessageId, LastError = null,
            })]);
            return new DispatchReport(rows.Count, 0, 0, 0);
        }

        var attempts = rows.Max(r => r.Attempts) + 1;
        var dead = result.Permanent || attempts >= settings.MaxAttempts;
        var next = time.GetUtcNow() + (result.RetryAfter ?? Backoff(attempts, settings));
        var error = result.Error ?? "failed";
        await outbox.MarkFailedAsync(ids, _owner, error, next, result.Permanent, settings.MaxAttempts, CancellationToken.None);
        LogFailed(logger, name, attempts, ms, dead, error);
        await RecordAsync(name, dead ? NotificationStatus.Dead : NotificationStatus.Failed, null, error, [.. rows.Select(r => r with
        {
            // As the outbox decides it, row by row.
            Status = result.Permanent || r.Attempts + 1 >= settings.MaxAttempts ? NotificationStatus.Dead : NotificationStatus.Failed,
            Attempts = r.Attempts + 1, NextAttemptAt = next, LastError = error,
        })]);
        return dead ? new DispatchReport(0, 0, rows.Count, 0) : new DispatchReport(0, rows.Count, 0, 0);
    }

    /// <summary>The outcome of one message as a live event: its channel, status, provider id or error, the alerts it told of, its rows.</summary>
    private Task RecordAsync(string channel, NotificationStatus status, string? providerMessageId, string? error, List<Notifications.Notification> rows)
    {
        var now = time.GetUtcNow();
        MonitorCoreMetrics.NotificationsAttempted(
            channel, status.Word().ToLowerInvariant(), rows.Count, status == NotificationStatus.Sent ? rows.Select(r => now - r.CreatedAt) : null);
        return RecordEventAsync(channel, status, providerMessageId, error, rows);
    }

    private Task RecordEventAsync(string channel, NotificationStatus status, string? providerMessageId, string? error, List<Notifications.Notification> rows) =>
        events.RecordAsync(status == NotificationStatus.Sent ? EventTypes.NotificationSent : EventTypes.NotificationFailed, new JsonObject
        {
            ["channel"] = channel,
            ["status"] = status.Word(),
            ["provider_message_id"] = providerMessageId,
            ["error"] = error,
            ["alert_ids"] = new JsonArray([.. rows.SelectMany(r => r.AlertIds).Distinct().Order().Select(id => (JsonNode)id)]),
            ["notifications"] = EventRecorder.List(rows),
        });

    /// <summary>Several rows for one channel and recipient read as one message; the first row's key identifies it.</summary>
    private static OutgoingMessage Merge(List<Notifications.Notification> rows)
    {
        var first = rows[0];
        if (rows.Count == 1)
        {
            return new OutgoingMessage(first.Id, first.Recipient, first.Subject, first.Body, first.Level, first.IdempotencyKey);
        }

        var level = rows.Max(r => r.Level);
        var subject = $"[{level.Word()}] {rows.Count} notifications: " + string.Join("; ", rows.Select(r => r.Subject));
        return new OutgoingMessage(first.Id, first.Recipient, subject, string.Join("\n\n", rows.Select(r => r.Body)), level, first.IdempotencyKey);
    }

    /// <summary>BaseDelay × 2^(attempt−1), at most MaxDelay, ±20 % (from the injected random source) so that retries of many rows spread out.</summary>
    internal TimeSpan Backoff(int attempt, DispatchOptions settings)
    {
        var exponential = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * random.NextDouble()));
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Sent {Count} notification(s) by {Channel} in {DurationMs} ms")]
    private static partial void LogSent(ILogger logger, string channel, int count, double durationMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Channel} failed (attempt {Attempt}, {DurationMs} ms, dead: {Dead}): {Error}")]
    private static partial void LogFailed(ILogger logger, string channel, int attempt, double durationMs, bool dead, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Channel} skipped: {Note}")]
    private static partial void LogSkipped(ILogger logger, string channel, string note);
}
