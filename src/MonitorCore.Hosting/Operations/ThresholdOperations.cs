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
public sealed class ThresholdOperations(IThresholdStore thresholds, ChannelCatalog channels, EventRecorder events, IEnumerable<ThresholdType> types)
{
    private readonly IReadOnlyList<ThresholdType> _types = [.. types];

    public async Task<ThresholdList> ListAsync(CancellationToken cancellationToken) => new(await thresholds.ListAsync(cancellationToken));

    /// <summary>
    /// Creates or replaces a threshold, merged with the stored one. A type or class that no monitor reads is
    /// refused with the nearest one ("did you mean"); the words are read in any casing and stored as the
    /// monitors spell them. A triple out of order is refused with the rule it breaks; a channel name that does
    /// not exist is refused with the names that do. Records a <c>settings_changed</c> event (kind
    /// <c>threshold</c>, key <c>type/class</c>, the stored threshold).
    /// </summary>
    public async Task<AlertThreshold> SetAsync(ThresholdChange change, CancellationToken cancellationToken)
    {
        OperationInput.Text(change.MetricKey, "metric_key");
        var known = await FindAsync(change.AlertType, change.AlertClass, cancellationToken);
        change = change with { AlertType = known.AlertType, AlertClass = known.AlertClass };
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

    /// <summary>
    /// Deletes the threshold of (type, class): its monitor stops evaluating it and what it had firing resolves at
    /// the monitor's next run; <c>thresholds set</c> brings it back. Records a <c>settings_changed</c> event
    /// (action <c>delete</c>, the deleted threshold).
    /// </summary>
    public async Task<AlertThreshold> DeleteAsync(string alertType, string alertClass, CancellationToken cancellationToken)
    {
        var known = await FindAsync(alertType, alertClass, cancellationToken);
        var stored = await thresholds.GetAsync(known.AlertType, known.AlertClass, cancellationToken)
                     ?? throw OperationException.NotFound($"There is no {known.AlertType}/{known.AlertClass} threshold to delete (it is not set).", "type");
        await thresholds.DeleteAsync(stored.AlertType, stored.AlertClass, cancellationToken);
        await events.RecordSettingsChangedAsync("threshold", "delete", $"{stored.AlertType}/{stored.AlertClass}", stored);
        return stored;
    }

    /// <summary>
    /// The (type, class) as the monitors spell them: one a monitor reads, or one stored already (so that it can be
    /// changed or deleted); else refused, naming the nearest and the ones that exist.
    /// </summary>
    private async Task<(string AlertType, string AlertClass)> FindAsync(string? alertType, string? alertClass, CancellationToken cancellationToken)
    {
        OperationInput.Text(alertType, "type");
        OperationInput.Text(alertClass, "class");
        var type = alertType?.Trim() ?? "";
        var @class = alertClass?.Trim() ?? "";
        var stored = await thresholds.ListAsync(cancellationToken);
        var pairs = _types.Select(t => (t.AlertType, t.AlertClass))
            .Concat(stored.Select(t => (t.AlertType, t.AlertClass)))
            .Distinct()
            .ToList();
        var ofType = pairs.Where(p => p.AlertType.Equals(type, StringComparison.OrdinalIgnoreCase)).ToList();
        if (ofType.Count == 0)
        {
            var names = pairs.Select(p => p.AlertType).Distinct(StringComparer.Ordinal).ToList();
            var nearest = Spelling.Nearest(type, names);
            var market = type.StartsWith("Price", StringComparison.OrdinalIgnoreCase)
                ? " The market's lines (PriceMove, PriceAnchor) are set with 'monitorcore settings set Monitors:market_monitor:…' or the market settings."
                : "";
            throw OperationException.Invalid(
                $"No monitor reads alert type '{type}'{(nearest is null ? "" : $" (did you mean {nearest}?)")}; the types: {string.Join(", ", names)}.{market}",
                "type");
        }

        var match = ofType.FirstOrDefault(p => p.AlertClass.Equals(@class, StringComparison.OrdinalIgnoreCase));
        if (match == default)
        {
            var classes = ofType.Select(p => p.AlertClass).ToList();
            var nearest = Spelling.Nearest(@class, classes) ?? (classes.Count == 1 ? classes[0] : null);
            throw OperationException.Invalid(
                $"{ofType[0].AlertType} has no class '{@class}'{(nearest is null ? "" : $" (did you mean {nearest}?)")}; its classes: {string.Join(", ", classes)}.",
                "class");
        }

        return match;
    }

    /// <summary><c>SMS, voice</c> → <c>sms,voice</c>; empty stays empty (the defaults); null stays null (keep).</summary>
    private static string? Normalise(string? list) => list is null ? null : string.Join(",", ChannelCatalog.Split(list));
}
