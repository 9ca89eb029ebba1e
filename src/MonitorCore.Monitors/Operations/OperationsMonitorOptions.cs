using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Monitors.Operations;

/// <summary>The <c>Monitors:operations_monitor</c> section.</summary>
public sealed class OperationsMonitorOptions
{
    /// <summary>How long one check (a provider, a feed, the database) may take; the checks run at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:50")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
