using System.Diagnostics.Metrics;

namespace MonitorCore.Diagnostics;

/// <summary>
/// The engine's instruments, on the <c>MonitorCore</c> meter (System.Diagnostics.Metrics): whatever exporter the
/// host adds reads them; the API exports them at <c>/metrics</c> in Prometheus format. Durations are seconds.
/// </summary>
public static class MonitorCoreMetrics
{
    public const string MeterName = "MonitorCore";

    /// <summary>Bucket bounds (seconds) for durations that are usually well under a second.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("monitorcore_runs", description: "Monitor runs recorded in the ledger, by monitor and status.");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "monitorcore_run_duration_seconds", "s", "How long monitor runs took, by monitor.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<double> CycleDuration = Meter.CreateHistogram<double>(
        "monitorcore_cycle_duration_seconds", "s", "How long sonic cycles took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "monitorcore_notification_attempts", description: "Notification send attempts, by channel and result (sent, failed, dead, skipped).");

    private static readonly Histogram<double> AlertToProvider = Meter.CreateHistogram<double>(
        "monitorcore_alert_to_provider_seconds", "s", "From a notification queued (an alert raised) to its provider's answer, by channel.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static void RunRecorded(string monitor, Monitoring.MonitorStatus status, double? durationMs)
    {
        Runs.Add(1, new KeyValuePair<string, object?>("monitor", monitor), new KeyValuePair<string, object?>("status", status.Word()));
        if (durationMs is { } ms)
        {
            RunDuration.Record(ms / 1000, new KeyValuePair<string, object?>("monitor", monitor));
        }
    }

    public static void CycleCompleted(TimeSpan duration) => CycleDuration.Record(duration.TotalSeconds);

    /// <summary>One send of <paramref name="count"/> notifications through a channel and how it ended; on delivery, each one's wait since it was queued.</summary>
    public static void NotificationsAttempted(string channel, string result, int count, IEnumerable<TimeSpan>? waited = null)
    {
        Attempts.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("result", result));
        foreach (var wait in waited ?? [])
        {
            AlertToProvider.Record(Math.Max(0, wait.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));
        }
    }
}
