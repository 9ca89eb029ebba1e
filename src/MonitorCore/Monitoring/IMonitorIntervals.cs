namespace MonitorCore.Monitoring;

/// <summary>
/// Per-monitor interval overrides (TimerConfig). A monitor without an override uses its
/// registration's interval.
/// </summary>
public interface IMonitorIntervals
{
    Task<IReadOnlyDictionary<string, TimeSpan>> GetOverridesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A cheap value (no read of the overrides) that differs whenever the overrides may have changed, by any process:
    /// what a cache of them compares.
    /// </summary>
    long ChangeStamp { get; }
}
