namespace MonitorCore.Monitoring;

/// <summary>The explicit outcome of one monitor run. Stored by name in <c>monitor_ledger.status</c>.</summary>
public enum MonitorStatus
{
    /// <summary>The monitor did its work.</summary>
    Success,

    /// <summary>The monitor did its work, but something needs a look (partial data, overrun, stale input).</summary>
    Warning,

    /// <summary>The monitor failed or threw; metadata <c>error</c> says why.</summary>
    Error,

    /// <summary>Nothing to do this time.</summary>
    Skipped,

    /// <summary>The monitor's toggle is off.</summary>
    Disabled,
}
