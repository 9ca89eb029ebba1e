using System.Text.Json.Nodes;
using MonitorCore.Events;
using MonitorCore.Settings;

namespace MonitorCore.Alerts;

/// <summary>
/// The one snooze mechanism for every monitor (spec improvement 3): global, per monitor or per alert,
/// for a time or until the alert resolves, persisted in <c>system_vars</c>; expired snoozes drop out.
/// Each change records a <c>snooze_changed</c> event: what was added and removed, and the snoozes in force.
/// </summary>
public sealed class SnoozeService(SystemVars systemVars, EventRecorder events, TimeProvider time) : IDisposable
{
    public static readonly SystemVarKey<List<Snooze>> Key = new("snoozes", []);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The snoozes in force now.</summary>
    public async Task<IReadOnlyList<Snooze>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return [.. (await systemVars.GetAsync(Key, cancellationToken)).Where(s => s.IsActive(now))];
    }

    /// <summary>The snooze that silences an alert of <paramref name="monitor"/>, or null.</summary>
    public async Task<Snooze?> FindAsync(string monitor, long alertId, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(cancellationToken)).FirstOrDefault(s => s.Covers(monitor, alertId));

    public async Task<Snooze> AddAsync(
        SnoozeScope scope, string? target, TimeSpan? duration, bool untilResolved, string? reason, CancellationToken cancellationToken = default)
    {
        if (duration is null && !untilResolved)
        {
            throw new ArgumentException("A snooze needs a duration or 'until resolved'.", nameof(duration));
        }

        if (untilResolved && scope != SnoozeScope.Alert)
        {
            throw new ArgumentException("Only a snooze of one alert can last until it resolves; give global and monitor snoozes a duration.", nameof(untilResolved));
        }

        if (duration is { } d && (d <= TimeSpan.Zero || d > TimeSpan.FromDays(30)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), d, "A snooze lasts between 1 second and 30 days.");
        }

        var now = time.GetUtcNow();
        var snooze = new Snooze(Guid.NewGuid().ToString("N")[..8], scope, target, now, now + duration, untilResolved, reason);
        await ChangeAsync(list => list.Add(snooze), cancellationToken);
        return snooze;
    }

    /// <summary>Removes the snoozes of a scope and target (or one by id); returns how many.</summary>
    public Task<int> RemoveAsync(Func<Snooze, bool> match, CancellationToken cancellationToken = default) =>
        ChangeAsync(list => list.RemoveAll(s => match(s)), cancellationToken);

    /// <summary>Ends the "until resolved" snoozes of alerts that resolved.</summary>
    public Task<int> ReleaseResolvedAsync(IReadOnlyCollection<long> resolvedAlertIds, CancellationToken cancellationToken = default)
    {
        if (resolvedAlertIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        var ids = resolvedAlertIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        return RemoveAsync(s => s.Scope == SnoozeScope.Alert && s.UntilResolved && s.Target is not null && ids.Contains(s.Target), cancellationToken);
    }

    private async Task<int> ChangeAsync(Func<List<Snooze>, int> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var stored = await systemVars.GetAsync(Key, cancellationToken);
            var before = stored.Where(s => s.IsActive(now)).ToList();
            var list = before.ToList();
            var changed = change(list);
            if (changed > 0 || list.Count != stored.Count)
            {
                await systemVars.SetAsync(Key, list, cancellationToken);
            }

            // What expired on its own is no change anyone made: the event names what was added and removed.
            var added = list.Where(s => !before.Any(b => b.Id == s.Id)).ToList();
            var removed = before.Where(b => !list.Any(s => s.Id == b.Id)).ToList();
            if (added.Count > 0 || removed.Count > 0)
            {
                await events.RecordAsync(EventTypes.SnoozeChanged, new JsonObject
                {
                    ["added"] = EventRecorder.List(added),
                    ["removed"] = EventRecorder.List(removed),
                    ["snoozes"] = EventRecorder.List(list),
                });
            }

            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Task<int> ChangeAsync(Action<List<Snooze>> change, CancellationToken cancellationToken) =>
        ChangeAsync(list =>
        {
            change(list);
            return 1;
        }, cancellationToken);
}
