using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Hosting.Events;

/// <summary>The <c>Events</c> section: how the live event stream tails the event log and feeds its subscribers.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Events";

    /// <summary>
    /// How often the tail reads the log without being woken: what another process on the same SQLite file
    /// waits at most; on PostgreSQL, a fallback to <c>LISTEN</c>. An append of this process wakes it at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an id missing below ids already committed may take to appear (on PostgreSQL a transaction
    /// can commit after one that took a higher id) before the tail moves past it: the events after it wait
    /// that long, so that none is skipped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MissingIdGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events buffered per subscriber; one that falls further behind is dropped (its stream ends) and resumes with its last id.</summary>
    [Range(1, 1_000_000)]
    public int SubscriberBuffer { get; set; } = 1000;

    /// <summary>Events read from the database at a time (the tail, and a subscriber catching up).</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>After the <c>LISTEN</c> connection broke, and its first reconnect failed, the wait before each next try.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
