using System.Text.Json.Serialization;
using MonitorCore.Alerts;

namespace MonitorCore.Notifications;

/// <summary>
/// Where a notification is: <c>Pending</c> (not tried yet), <c>Failed</c> (tried, will be retried),
/// <c>Sent</c>, <c>Dead</c> (gave up: attempts used up or a permanent refusal), <c>Skipped</c> (its
/// channel is not configured; the note says what is missing).
/// </summary>
public enum NotificationStatus
{
    [JsonStringEnumMemberName("PENDING")]
    Pending,
    [JsonStringEnumMemberName("FAILED")]
    Failed,
    [JsonStringEnumMemberName("SENT")]
    Sent,
    [JsonStringEnumMemberName("DEAD")]
    Dead,
    [JsonStringEnumMemberName("SKIPPED")]
    Skipped,
}

/// <summary>A row of the durable outbox (<c>notification_outbox</c>), written before any send.</summary>
public sealed record Notification
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string Recipient { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required AlertLevel Level { get; init; }
    public IReadOnlyList<long> AlertIds { get; init; } = [];

    /// <summary>Rows with the same channel, recipient and group (a cycle) that are due together go out as one message.</summary>
    public string? GroupKey { get; init; }

    /// <summary>Unique per row; sent to providers that drop repeated sends.</summary>
    public required string IdempotencyKey { get; init; }

    public NotificationStatus Status { get; init; } = NotificationStatus.Pending;
    public int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? LastError { get; init; }
}
