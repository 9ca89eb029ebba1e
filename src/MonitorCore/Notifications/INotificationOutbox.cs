namespace MonitorCore.Notifications;

/// <summary>
/// <c>notification_outbox</c>: every notification is a row before any send. A dispatcher claims due
/// rows under a lease (so two dispatchers, or two instances, never send the same row at once), and
/// records each outcome: sent, failed (retried later), dead, or skipped.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Writes notifications on their own (outside an alert change).</summary>
    Task<IReadOnlyList<Notification>> EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due rows for <paramref name="owner"/> until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<Notification>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Records that the claimed rows were delivered.</summary>
    Task MarkSentAsync(IReadOnlyCollection<long> ids, string owner, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a failed try: retried at <paramref name="nextAttempt"/>, or dead when permanent or out of attempts.</summary>
    Task MarkFailedAsync(
        IReadOnlyCollection<long> ids, string owner, string error, DateTimeOffset nextAttempt, bool permanent, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Records that the rows' channel is not configured: kept with the note, never sent.</summary>
    Task MarkSkippedAsync(IReadOnlyCollection<long> ids, string owner, string note, CancellationToken cancellationToken);

    /// <summary>Makes a failed, dead or skipped row due again now; false when there is no such row.</summary>
    Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Rows newest first, optionally of one status, optionally only those that carry one alert.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status, int limit, CancellationToken cancellationToken, long? alertId = null);

    Task<Notification?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>When the newest voice call (not skipped or dead) was queued: phone relax counts from it.</summary>
    Task<DateTimeOffset?> LastVoiceCallAsync(CancellationToken cancellationToken);

    /// <summary>How many rows are due at <paramref name="now"/> (pending, or failed and due again), and when the oldest became due.</summary>
    Task<(int Due, DateTimeOffset? OldestDue)> DueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The earliest time a pending or failed row is due, or null when none waits.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
