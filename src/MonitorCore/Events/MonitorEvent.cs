using System.Text.Json.Nodes;

namespace MonitorCore.Events;

/// <summary>
/// Something that happened, as the live faces (the API's event stream, the dashboard, the console) see
/// it: a run recorded, a cycle completed, an alert raised, escalated, resolved or acknowledged, a snooze
/// changed, a notification sent or failed, a setting changed. Ids grow; a client that reconnects with
/// the last id it saw gets everything after it.
/// </summary>
/// <param name="Id">Its place in the event log.</param>
/// <param name="Type">One of <see cref="EventTypes"/>.</param>
/// <param name="At">When it happened.</param>
/// <param name="Data">What happened (the ledger row, the alert, the notification…), in the product's JSON.</param>
public sealed record MonitorEvent(long Id, string Type, DateTimeOffset At, JsonObject Data);

/// <summary>An event to record; the log gives it its id and time.</summary>
public sealed record NewEvent(string Type, JsonObject Data);

/// <summary>The event types, as the API's stream names them.</summary>
public static class EventTypes
{
    public const string RunRecorded = "run_recorded";
    public const string CycleCompleted = "cycle_completed";
    public const string AlertRaised = "alert_raised";
    public const string AlertEscalated = "alert_escalated";
    public const string AlertResolved = "alert_resolved";
    public const string AlertAcknowledged = "alert_acknowledged";
    public const string SnoozeChanged = "snooze_changed";
    public const string NotificationSent = "notification_sent";
    public const string NotificationFailed = "notification_failed";
    public const string SettingsChanged = "settings_changed";

    public static readonly IReadOnlyList<string> All =
    [
        RunRecorded, CycleCompleted, AlertRaised, AlertEscalated, AlertResolved, AlertAcknowledged, SnoozeChanged,
        NotificationSent, NotificationFailed, SettingsChanged,
    ];
}

/// <summary>
/// The durable event log (<c>events</c>): every event is stored with a growing id, so that a stream can
/// resume after an id without a gap, on any instance sharing the database.
/// </summary>
public interface IEventLog
{
    /// <summary>Stores events (one transaction) and returns them with their ids; then tells the live streams.</summary>
    Task<IReadOnlyList<MonitorEvent>> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken);

    /// <summary>Events with an id above <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MonitorEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The newest id, 0 when the log is empty.</summary>
    Task<long> LatestIdAsync(CancellationToken cancellationToken);

    /// <summary>Deletes events older than <paramref name="cutoff"/> (retention); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Hears the commits of other processes where the database can tell (PostgreSQL: every append sends
    /// <c>NOTIFY monitorcore_events</c>; this <c>LISTEN</c>s on a connection of its own). Calls
    /// <paramref name="listening"/> once listening has begun (whatever was committed before is for the
    /// caller to read), then <paramref name="committed"/> on each commit heard, until
    /// <paramref name="cancellationToken"/>; throws when the connection breaks (the caller listens again).
    /// Returns false at once where the database cannot tell (SQLite: the caller polls).
    /// </summary>
    Task<bool> ListenAsync(Action listening, Action committed, CancellationToken cancellationToken);
}

/// <summary>
/// The live tail of the event log for many subscribers: events committed by this process, another
/// process on the same SQLite file, or another instance on the same PostgreSQL database, in id order,
/// each once, without gaps.
/// </summary>
public interface IEventStream
{
    /// <summary>
    /// The events after <paramref name="afterId"/> (from now on when null), then each new one as it is
    /// committed, until <paramref name="cancellationToken"/>.
    /// </summary>
    IAsyncEnumerable<MonitorEvent> SubscribeAsync(long? afterId, CancellationToken cancellationToken);
}
