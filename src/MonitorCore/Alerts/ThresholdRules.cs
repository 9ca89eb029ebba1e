using Microsoft.Extensions.Options;

namespace MonitorCore.Alerts;

/// <summary>The rules of the evaluation monitors, read from <c>alert_thresholds</c> with the alerting settings applied.</summary>
public sealed class ThresholdRules(IThresholdStore thresholds, IOptionsMonitor<AlertingOptions> alerting)
{
    /// <summary>The rule for (type, class), or null when the threshold is missing or disabled.</summary>
    public async Task<AlertRule?> GetAsync(string alertType, string alertClass, string monitor, CancellationToken cancellationToken)
    {
        var threshold = await thresholds.GetAsync(alertType, alertClass, cancellationToken);
        if (threshold is null || !threshold.Enabled)
        {
            return null;
        }

        var settings = alerting.CurrentValue;
        return AlertRule.FromThreshold(threshold, monitor) with
        {
            Hysteresis = settings.Hysteresis,
            EscalationInterval = settings.EscalationInterval,
            NotifyOnResolve = settings.NotifyOnResolve,
        };
    }

    /// <summary>Evaluates a rule, or resolves what it had firing when the rule is off (null).</summary>
    public static async Task<AlertOutcome> EvaluateAsync(
        IAlertEngine engine, AlertRule? rule, string name, string monitor, IReadOnlyList<Observation> observations, string? cycleId, CancellationToken cancellationToken)
    {
        if (rule is not null)
        {
            return await engine.EvaluateAsync(rule, observations, cycleId, cancellationToken);
        }

        // A disabled rule observes nothing, so whatever it had firing resolves.
        var off = new AlertRule { Name = name, Monitor = monitor, Condition = ThresholdCondition.Above, Low = double.MaxValue, Medium = double.MaxValue, High = double.MaxValue };
        return await engine.EvaluateAsync(off, [], cycleId, cancellationToken);
    }
}
