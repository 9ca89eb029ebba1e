using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Notifications.Dispatch;

/// <summary>The <c>Notifications:Dispatch</c> section: retries, timeouts and how long a CLI run waits.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Notifications:Dispatch";

    /// <summary>After this many failed tries a notification is <c>dead</c> (and visible in <c>monitorcore notifications</c>).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each next one twice as long (with ±20 % jitter), up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A send that takes longer is abandoned and retried; a hanging provider never holds the others.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed row belongs to one dispatcher before another may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long <c>monitorcore run</c> waits for its notifications before it exits; what still fails stays queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CliWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The service's dispatcher looks for due rows at least this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
