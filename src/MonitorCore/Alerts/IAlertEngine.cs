namespace MonitorCore.Alerts;

/// <summary>One measured value of a rule's metric for one subject (a position, the portfolio, an asset).</summary>
/// <param name="Subject">What it is about; alerts are keyed by (rule, subject).</param>
/// <param name="Value">The metric's value.</param>
/// <param name="Message">How it reads to a person: "SOL LONG 4.2 % from liquidation".</param>
/// <param name="Thresholds">This subject's own thresholds (e.g. an asset's liquidation line), when they differ from the rule's.</param>
public sealed record Observation(string Subject, double Value, string Message, AlertRule? Thresholds = null);

/// <summary>What an evaluation did: the alerts it touched, the highest level firing, the notifications queued, and notes (snoozed, relaxed).</summary>
public sealed record AlertOutcome(
    IReadOnlyList<Alert> Alerts,
    AlertLevel? HighestLevel,
    IReadOnlyList<long> NotificationIds,
    IReadOnlyList<string> Notes)
{
    public IEnumerable<long> FiringIds => Alerts.Where(a => a.State == AlertState.Firing).Select(a => a.Id);
}

/// <summary>
/// The one place every threshold decision goes through (spec improvement 6). A monitor hands it a
/// rule and the complete set of observations for that rule; the engine fires, escalates, de-escalates
/// and resolves alerts (a firing subject that is no longer observed resolves), queues notifications in
/// the durable outbox in the same transaction, and applies snoozes, phone relax and repeats.
/// </summary>
public interface IAlertEngine
{
    Task<AlertOutcome> EvaluateAsync(AlertRule rule, IReadOnlyList<Observation> observations, string? cycleId, CancellationToken cancellationToken);
}
