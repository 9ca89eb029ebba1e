using MonitorCore.Alerts;
using MonitorCore.Events;
using MonitorCore.Notifications;

namespace MonitorCore.Hosting.Operations;

public sealed record ThresholdList(IReadOnlyList<AlertThreshold> Thresholds);

/// <summary>
/// A change to the threshold of (type, class). The triple is always given; what is null keeps the stored
/// value (for a new threshold: ABOVE, the type as metric key, the level's default channels).
/// </summary>
/// <param name="AlertType">e.g. <c>LiquidationDistance</c>.</param>
/// <param name="AlertClass">e.g. <c>Position</c>.</param>
/// <param name="Low">The LOW line.</param>
/// <param name="Medium">The MEDIUM line.</param>
/// <param name="High">The HIGH line.</param>
/// <param name="Condition">ABOVE or BELOW; null keeps the stored one.</param>
/// <param name="MetricKey">The metric; null keeps the stored one.</param>
/// <param name="Enabled">Evaluate it; null keeps the stored state (a new one is enabled).</param>
/// <param name="LowNotify">Channels of LOW, comma-separated; empty means the defaults; null keeps the stored list.</param>
/// <param name="MediumNotify">Channels of MEDIUM, likewise.</param>
/// <param name="HighNotify">Channels of HIGH, likewise.</param>
public sealed record ThresholdChange(
    string AlertType,
    string AlertClass,
    double Low,
    double Medium,
    double High,
    ThresholdCondition? Condition = null,
    string? MetricKey = null,
    bool? Enabled = null,
    string? LowNotify = null,
    string? MediumNotify = null,
    string? HighNotify = null);

/// <summary>The alert thresholds (<c>alert_thresholds</c>): a low / medium / high triple per metric with the channels of each level.</summary>
public sealed class ThresholdOperations(IThresholdStore thresholds, ChannelCatalog channels, EventRecorder events)
{
    public async Task<ThresholdList> ListAsync(CancellationToken cancellationToken) => new(await thresholds.ListAsync(cancellationToken));

    /// <summary>
    /// Creates or replaces a threshold, merged with the stored one. A triple out of order is refused with the
    /// rule it breaks; a channel name that does not exist is refused with the names that do. Records a
    /// <c>settings_changed</c> event (kind <c>threshold</c>, key <c>type/class</c>, the stored threshold).
    /// </summary>
    public async Task<AlertThreshold> SetAsync(ThresholdChange change, CancellationToken cancellationToken)
    {
        OperationInput.Text(change.AlertType, "type");
        OperationInput.Text(change.AlertClass, "class");
        OperationInput.Text(change.MetricKey, "metric_key");
        foreach (var (field, list) in new[] { ("low_notify", change.LowNotify), ("medium_notify", change.MediumNotify), ("high_notify", change.HighNotify) })
        {
            if (channels.Problem(list) is { } problem)
            {
                throw OperationException.Invalid($"{field}: {problem}.", field);
            }
        }

        var existing = await thresholds.GetAsync(change.AlertType, change.AlertClass, cancellationToken);
        var threshold = new AlertThreshold
        {
            AlertType = change.AlertType,
            AlertClass = change.AlertClass,
            MetricKey = change.MetricKey ?? existing?.MetricKey ?? change.AlertType,
            Condition = change.Condition ?? existing?.Condition ?? ThresholdCondition.Above,
            Low = change.Low,
            Medium = change.Medium,
            High = change.High,
            Enabled = change.Enabled ?? existing?.Enabled ?? true,
            LowNotify = Normalise(change.LowNotify) ?? existing?.LowNotify,
            MediumNotify = Normalise(change.MediumNotify) ?? existing?.MediumNotify,
            HighNotify = Normalise(change.HighNotify) ?? existing?.HighNotify,
        };
        if (AlertThreshold.Problem(threshold) is { } rule)
        {
            throw OperationException.Invalid(rule);
        }

        var stored = await thresholds.UpsertAsync(threshold, cancellationToken);
        await events.RecordSettingsChangedAsync("threshold", "set", $"{stored.AlertType}/{stored.AlertClass}", stored);
        return stored;
    }

    /// <summary><c>SMS, voice</c> → <c>sms,voice</c>; empty stays empty (the defaults); null stays null (keep).</summary>
    private static string? Normalise(string? list) => list is null ? null : string.Join(",", ChannelCatalog.Split(list));
}
