namespace MonitorCore.Monitoring;

/// <summary>
/// Per-monitor interval overrides (TimerConfig). A monitor without an override uses its
/// registration's interval.
/// </summary>
public interface IMonitorIntervals
{
    Task<IReadOnlyDictionary<string, TimeSpan>> GetOverridesAsync(CancellationToken cancellationToken);
}
