namespace MonitorCore.Ledger;

/// <summary>
/// One monitor's runs of one status on one UTC day: from the daily rollups (rows retention deleted) and the raw rows
/// still kept, added together. Durations are over the runs that recorded one.
/// </summary>
/// <param name="MonitorName">The monitor.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Status">The runs' status.</param>
/// <param name="Runs">How many runs.</param>
/// <param name="TimedRuns">How many of them recorded a duration (the mean is over these).</param>
/// <param name="MinMs">The shortest run, or null when none recorded a duration.</param>
/// <param name="AvgMs">The mean run duration.</param>
/// <param name="MaxMs">The longest run.</param>
public sealed record LedgerDay(string MonitorName, DateOnly Day, Monitoring.MonitorStatus Status, long Runs, long TimedRuns, double? MinMs, double? AvgMs, double? MaxMs);
