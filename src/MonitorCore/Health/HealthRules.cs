using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Health;

/// <summary>
/// The health rules (docs/behaviour.md §3), in this order: no row → Offline; newest row Error → Error;
/// age over 5 × interval → Offline; newest row Warning or age over 2 × interval → Warning;
/// otherwise (Success, Skipped, Disabled) → Healthy.
/// </summary>
public static class HealthRules
{
    public static MonitorHealth Evaluate(LedgerEntry? newest, TimeSpan interval, DateTimeOffset now)
    {
        if (newest is null)
        {
            return MonitorHealth.Offline;
        }

        if (newest.Status == MonitorStatus.Error)
        {
            return MonitorHealth.Error;
        }

        var age = Age(newest, now);
        if (age > interval * 5)
        {
            return MonitorHealth.Offline;
        }

        return newest.Status == MonitorStatus.Warning || age > interval * 2
            ? MonitorHealth.Warning
            : MonitorHealth.Healthy;
    }

    /// <summary>How old a row is; never negative, even if clocks disagree.</summary>
    public static TimeSpan Age(LedgerEntry entry, DateTimeOffset now)
    {
        var age = now - entry.Timestamp;
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }
}
