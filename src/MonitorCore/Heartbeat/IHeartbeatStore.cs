namespace MonitorCore.Heartbeat;

/// <summary>A row of <c>monitor_heartbeat</c>: when a loop last ran and its live-tunable interval.</summary>
public sealed record HeartbeatRow(string MonitorName, DateTimeOffset? LastRun, TimeSpan Interval);

/// <summary>The <c>monitor_heartbeat</c> table.</summary>
public interface IHeartbeatStore
{
    Task<HeartbeatRow?> GetAsync(string monitorName, CancellationToken cancellationToken);

    /// <summary>Records a run; creates the row with <paramref name="defaultInterval"/> when missing.</summary>
    Task RecordRunAsync(string monitorName, DateTimeOffset lastRun, TimeSpan defaultInterval, CancellationToken cancellationToken);

    /// <summary>Sets the interval; must be at least one second.</summary>
    Task SetIntervalAsync(string monitorName, TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>Names and defaults of the heartbeat rows the product uses.</summary>
public static class Heartbeats
{
    public const string Sonic = "sonic_monitor";

    public static readonly TimeSpan DefaultSonicInterval = TimeSpan.FromSeconds(60);
}
