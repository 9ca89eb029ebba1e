using MonitorCore.Heartbeat;

namespace MonitorCore.Monitoring;

/// <summary>
/// How often each registered monitor is expected to run, for health (a row's age) and the schedule:
/// monitors in the cycle follow the cycle interval (<c>monitor_heartbeat</c>), the others their timer
/// (TimerConfig's override, else their registration's interval).
/// </summary>
public sealed class ExpectedIntervals(MonitorRegistry registry, IMonitorIntervals overrides, IHeartbeatStore heartbeats)
{
    /// <summary>The expected interval of every registered monitor, by key.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> GetAsync(CancellationToken cancellationToken) =>
        Compute(await overrides.GetOverridesAsync(cancellationToken), await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken));

    /// <summary>The intervals from already-read overrides and cycle heartbeat (no I/O).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Compute(IReadOnlyDictionary<string, TimeSpan> timerOverrides, HeartbeatRow? sonic)
    {
        var cycleInterval = sonic?.Interval ?? Heartbeats.DefaultSonicInterval;
        return registry.All.ToDictionary(
            r => r.Name,
            r => r.InCycle ? cycleInterval : timerOverrides.GetValueOrDefault(r.Name, r.Interval),
            StringComparer.Ordinal);
    }
}
