using System.Globalization;
using MonitorCore.Alerts;
using MonitorCore.Events;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// Alerts newest first; <see cref="Truncated"/> when there are more than the limit, and <see cref="Total"/> how many there
/// are in all (firing, or all of them).
/// </summary>
public sealed record AlertList(IReadOnlyList<Alert> Alerts, bool Truncated, long Total);

public sealed record AlertAcknowledged(long Id, bool Acknowledged);

/// <summary>A snooze as people read it: what it covers, the time left (null: until the alert resolves).</summary>
public sealed record SnoozeView(string Id, string Scope, double? SecondsLeft, bool UntilResolved, string? Reason, DateTimeOffset? Until);

public sealed record SnoozeList(IReadOnlyList<SnoozeView> Snoozes);

/// <summary>How many snoozes an unsnooze ended.</summary>
public sealed record UnsnoozeResult(int Removed);

/// <summary>A snooze to add: <see cref="Target"/> is an alert id, a monitor key, or <c>all</c>; a duration or "until resolved".</summary>
public sealed record SnoozeRequest(string Target, TimeSpan? Duration, bool UntilResolved, string? Reason);

/// <summary>The alerts, their acknowledgement, and the one snooze mechanism (docs/behaviour.md §6, "Quieting").</summary>
public sealed class AlertOperations(IAlertStore alerts, SnoozeService snoozes, MonitorRegistry registry, EventRecorder events, TimeProvider time)
{
    /// <summary>The most alerts one list answers with.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The firing alerts (or all, newest first), at most <paramref name="limit"/>.</summary>
    public async Task<AlertList> ListAsync(bool all, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw OperationException.Invalid($"limit must be between 1 and {MaxLimit}, got {limit}.", "limit");
        }

        var rows = await alerts.ListAsync(!all, limit + 1, cancellationToken);
        return rows.Count > limit
            ? new AlertList([.. rows.Take(limit)], true, await alerts.CountAsync(!all, cancellationToken))
            : new AlertList(rows, false, rows.Count);
    }

    /// <summary>How many alerts fire at each level, by the level's word.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountFiringAsync(CancellationToken cancellationToken) =>
        (await alerts.CountFiringAsync(cancellationToken)).ToDictionary(p => p.Key.Word(), p => p.Value);

    /// <summary>
    /// Acknowledges a firing alert: its repeated calls stop; it still resolves on its own. Records an
    /// <c>alert_acknowledged</c> event with the alert as stored after the acknowledgement.
    /// </summary>
    public async Task<AlertAcknowledged> AcknowledgeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await alerts.AcknowledgeAsync(id, time.GetUtcNow(), cancellationToken))
        {
            throw OperationException.NotFound($"No firing, unacknowledged alert {id}. See 'monitorcore alerts'.", "id");
        }

        await events.RecordAsync(EventTypes.AlertAcknowledged, async () =>
            EventRecorder.Data(await alerts.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"Alert {id} is gone.")));
        return new AlertAcknowledged(id, true);
    }

    /// <summary>Quiets the sends of one alert, one monitor or everything; evaluation and the ledger go on.</summary>
    public async Task<Snooze> SnoozeAsync(SnoozeRequest request, CancellationToken cancellationToken)
    {
        OperationInput.Text(request.Reason, "reason");
        var (scope, target) = await ScopeOfAsync(request.Target, cancellationToken);
        try
        {
            return await snoozes.AddAsync(scope, target, request.Duration, request.UntilResolved, request.Reason, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw OperationException.Invalid(OperationException.MessageOf(ex), ex.ParamName);
        }
    }

    /// <summary>Ends snoozes now: by snooze id, or every snooze of an alert id, a monitor or <c>all</c>. None ended is NotFound.</summary>
    public async Task<UnsnoozeResult> UnsnoozeAsync(string target, CancellationToken cancellationToken)
    {
        var removed = await snoozes.RemoveAsync(s => s.Id == target, cancellationToken);
        if (removed == 0)
        {
            var (scope, what) = await ScopeOfAsync(target, cancellationToken);
            removed = await snoozes.RemoveAsync(s => s.Scope == scope && s.Target == what, cancellationToken);
        }

        return removed > 0 ? new UnsnoozeResult(removed) : throw OperationException.NotFound($"No snooze of '{target}' is in force.", "target");
    }

    /// <summary>The snoozes in force, with the time they have left.</summary>
    public async Task<SnoozeList> SnoozesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await snoozes.ActiveAsync(cancellationToken);
        return new SnoozeList([.. active.Select(s => new SnoozeView(s.Id, s.Describe(), s.SecondsLeft(now), s.UntilResolved, s.Reason, s.Until))]);
    }

    private async Task<(SnoozeScope Scope, string? Target)> ScopeOfAsync(string target, CancellationToken cancellationToken)
    {
        if (target == "all")
        {
            return (SnoozeScope.Global, null);
        }

        if (long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await alerts.GetAsync(id, cancellationToken) is null
                ? throw OperationException.NotFound($"No alert {id}. See 'monitorcore alerts --all'.", "target")
                : (SnoozeScope.Alert, target);
        }

        return registry.TryGet(target, out _)
            ? (SnoozeScope.Monitor, target)
            : throw OperationException.NotFound(
                $"'{target}' is not an alert id, a monitor or 'all'. Monitors: {string.Join(", ", registry.Names)}.", "target");
    }
}
