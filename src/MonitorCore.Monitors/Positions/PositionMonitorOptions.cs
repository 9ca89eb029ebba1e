using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Monitors.Positions;

/// <summary>The <c>Monitors:position_monitor</c> section.</summary>
public sealed class PositionMonitorOptions
{
    /// <summary>An ACTIVE position missing from this many successful syncs in a row becomes STALE_CLOSED.</summary>
    [Range(1, 100)]
    public int StaleAfterMissedSyncs { get; set; } = 3;
}
