using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MonitorCore.Events;
using MonitorCore.Notifications;

namespace MonitorCore.Alerts;

/// <summary>
/// The rule engine's stateful side (see <see cref="IAlertEngine"/>). Per evaluation: load the FIRING
/// alerts of the rule, decide each subject's next level with <see cref="RuleEngine"/>, decide who is
/// told (level channels, snoozes, phone relax, repeats), and write the alert changes and their outbox
/// rows in one transaction; then wake the dispatcher and record an event per alert raised, escalated or
/// resolved (<c>alert_raised</c>, <c>alert_escalated</c>, <c>alert_resolved</c>, with the stored alert).
/// </summary>
internal sealed class AlertEngine(
    IAlertStore alerts,
    INotificationOutbox outbox,
    SnoozeService snoozes,
    ChannelCatalog channels,
    NotificationSignal signal,
    EventRecorder events,
    RuleLocks locks,
    IOptionsMonitor<AlertingOptions> options,
    TimeProvider time) : IAlertEngine
{
    private enum Event
    {
        Fired,
        Escalated,
        Repeated,
        Resolved,
    }

    /// <summary>One evaluation of a rule, under the rule's lock (<see cref="RuleLocks"/>): read, decide and write never interleave with another's.</summary>
    public async Task<AlertOutcome> EvaluateAsync(
        AlertRule rule, IReadOnlyList<Observation> observations, string? cycleId, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(rule, cancellationToken);
        return await EvaluateHeldAsync(rule, observations, cycleId, cancellationToken);
    }

    private async Task<AlertOutcome> EvaluateHeldAsync(
        AlertRule rule, IReadOnlyList<Observation> observations, string? cycleId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var firing = (await alerts.GetFiringAsync(rule.Monitor, rule.Name, cancellationToken)).ToDictionary(a => a.Subject, StringComparer.Ordinal);
        var changes = new List<(Alert Alert, Event? Event)>();
        foreach (var observation in observations)
        {
            firing.Remove(observation.Subject, out var current);
            if (Decide(rule, current, observation, now) is { } change)
            {
                changes.Add(change);
            }
        }

        foreach (var gone in firing.Values)
        {
            changes.Add((Resolve(gone, gone.Value, $"no longer observed (was: {gone.Message})", now), Event.Resolved));
        }

        var notes = new List<string>();
        var plans = await PlanAsync(rule, changes, settings, now, notes, cancellationToken);
        var toStore = changes.Select(c => plans.Any(p => ReferenceEquals(p.Alert, c.Alert))
            ? c.Alert with { LastNotifiedAt = now, NotifyCount = c.Alert.NotifyCount + 1 }
            : c.Alert).ToList();
        if (toStore.Count == 0)
        {
            return new AlertOutcome([], null, [], notes);
        }

        var groupKey = cycleId ?? "run-" + Guid.NewGuid().ToString("N")[..12];
        var (stored, queued) = await alerts.ApplyAsync(
            toStore,
            storedAlerts => BuildNotifications(rule, changes, plans, storedAlerts, groupKey, now),
            cancellationToken);
        await snoozes.ReleaseResolvedAsync([.. stored.Where(a => a.State == AlertState.Resolved).Select(a => a.Id)], cancellationToken);
        if (queued.Count > 0)
        {
            signal.Notify();
        }

        await events.RecordAsync([.. changes.Select((c, i) => EventOf(c.Alert, c.Event, stored[i])).OfType<NewEvent>()]);

        var highest = stored.Where(a => a.State == AlertState.Firing).Select(a => (AlertLevel?)a.Level).Max();
        return new AlertOutcome(stored, highest, [.. queued.Select(n => n.Id)], notes);
    }

    private static (Alert, Event?)? Decide(AlertRule rule, Alert? current, Observation observation, DateTimeOffset now)
    {
        rule = observation.Thresholds ?? rule;
        var next = RuleEngine.NextLevel(rule, current?.Level, observation.Value);
        var line = RuleEngine.CrossedLine(rule, observation.Value);
        if (current is null)
        {
            return next is { } level
                ? (new Alert
                {
                    Rule = rule.Name, Subject = observation.Subject, Monitor = rule.Monitor, Level = level, PeakLevel = level, Value = observation.Value,
                    Threshold = line ?? RuleEngine.ThresholdOf(rule, level), Message = observation.Message,
                    FirstSeen = now, LastSeen = now, LastChanged = now,
                }, Event.Fired)
                : null;
        }

        if (next is not { } nextLevel)
        {
            return (Resolve(current, observation.Value, observation.Message, now), Event.Resolved);
        }

        var updated = current with { Value = observation.Value, Message = observation.Message, LastSeen = now };
        if (nextLevel != current.Level)
        {
            updated = updated with
            {
                Level = nextLevel,
                PeakLevel = nextLevel > current.PeakLevel ? nextLevel : current.PeakLevel,
                LastChanged = now,
                Threshold = line ?? RuleEngine.ThresholdOf(rule, nextLevel),
            };
            return (updated, nextLevel > current.Level ? Event.Escalated : null);
        }

        var sinceNotified = now - (current.LastNotifiedAt ?? current.FirstSeen);
        if (current.LastNotifiedAt is null)
        {
            return (updated, Event.Fired); // never told (snoozed or relaxed before): tell now
        }

        var repeat = current.Level == AlertLevel.High && current.AcknowledgedAt is null && sinceNotified >= rule.EscalationInterval;
        return (updated, repeat ? Event.Repeated : null);
    }

    /// <summary>The live event of a change, by what happened to the alert (a first notice of an older alert is none).</summary>
    private static NewEvent? EventOf(Alert before, Event? kind, Alert stored)
    {
        var type = before.Id == 0 ? EventTypes.AlertRaised
            : stored.State == AlertState.Resolved ? EventTypes.AlertResolved
            : kind == Event.Escalated ? EventTypes.AlertEscalated
            : null;
        return type is null ? null : new NewEvent(type, EventRecorder.Data(stored));
    }

    private static Alert Resolve(Alert alert, double value, string message, DateTimeOffset now) =>
        alert with { State = AlertState.Resolved, ResolvedAt = now, LastSeen = now, LastChanged = now, Value = value, Message = message };

    private sealed record Plan(Alert Alert, Event Event, IReadOnlyList<string> Channels);

    /// <summary>Who is told of what: the level's channels, less what snoozes and phone relax hold back.</summary>
    private async Task<List<Plan>> PlanAsync(
        AlertRule rule, List<(Alert Alert, Event? Event)> changes, AlertingOptions settings, DateTimeOffset now, List<string> notes, CancellationToken cancellationToken)
    {
        var plans = new List<Plan>();
        var events = changes.Where(c => c.Event is not null).ToList();
        if (events.Count == 0)
        {
            return plans;
        }

        var active = await snoozes.ActiveAsync(cancellationToken);
        var lastVoice = await outbox.LastVoiceCallAsync(cancellationToken);
        var callPlanned = false;
        foreach (var (alert, kind) in events)
        {
            if (kind == Event.Resolved && !rule.NotifyOnResolve)
            {
                continue;
            }

            if (active.FirstOrDefault(s => s.Covers(alert.Monitor, alert.Id)) is { } snooze && kind != Event.Resolved)
            {
                notes.Add($"{alert.Rule} {alert.Subject}: not sent, snoozed ({snooze.Describe()})");
                continue;
            }

            IEnumerable<string> chosen = rule.ChannelsFor(kind == Event.Resolved && alert.PeakLevel > alert.Level ? alert.PeakLevel : alert.Level);
            chosen = kind switch
            {
                Event.Repeated => chosen.Where(c => c == ChannelNames.Voice),
                Event.Resolved => chosen.Where(c => c is not ChannelNames.Voice and not ChannelNames.Sound),
                _ => chosen,
            };
            var list = chosen.Distinct(StringComparer.Ordinal).ToList();
            // Alerts of this evaluation share one call; another call only after the relax since the last one.
            if (list.Contains(ChannelNames.Voice) && kind != Event.Repeated && !callPlanned && lastVoice is { } last && now - last < settings.PhoneRelax)
            {
                list.Remove(ChannelNames.Voice);
                notes.Add($"{alert.Rule} {alert.Subject}: no call, phone relax until {(last + settings.PhoneRelax).ToString("HH:mm:ss", CultureInfo.InvariantCulture)}");
            }

            callPlanned |= list.Contains(ChannelNames.Voice);

            if (list.Count > 0)
            {
                plans.Add(new Plan(alert, kind!.Value, list));
            }
        }

        return plans;
    }

    /// <summary>One outbox row per channel for this evaluation, naming every alert it carries.</summary>
    private List<Notification> BuildNotifications(
        AlertRule rule, List<(Alert Alert, Event? Event)> changes, List<Plan> plans, IReadOnlyList<Alert> stored, string groupKey, DateTimeOffset now)
    {
        var storedOf = changes.Select((c, i) => (c.Alert, Stored: stored[i])).ToList();
        Alert StoredOf(Alert alert) => storedOf.First(p => ReferenceEquals(p.Alert, alert)).Stored;
        var notifications = new List<Notification>();
        foreach (var channel in plans.SelectMany(p => p.Channels).Distinct(StringComparer.Ordinal))
        {
            var items = plans.Where(p => p.Channels.Contains(channel)).Select(p => (Plan: p, Alert: StoredOf(p.Alert))).ToList();
            var level = items.Max(i => i.Alert.Level);
            var lines = items.Select(i => Line(i.Plan.Event, i.Alert)).ToList();
            var subject = items.Count == 1
                ? $"{Tag(items[0].Plan.Event, level)} {rule.Monitor}: {items[0].Alert.Message}"
                : $"{Tag(items.Any(i => i.Plan.Event != Event.Resolved) ? Event.Fired : Event.Resolved, level)} {items.Count} alerts from {rule.Monitor}";
            var ids = items.Select(i => i.Alert.Id).ToList();
            notifications.Add(new Notification
            {
                Channel = channel,
                Recipient = channels.Find(channel)?.DefaultRecipient ?? "",
                Subject = subject,
                Body = string.Join("\n", lines),
                Level = level,
                AlertIds = ids,
                GroupKey = groupKey,
                IdempotencyKey = Key(channel, ids, items.Select(i => i.Plan.Event), now),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return notifications;
    }

    private static string Tag(Event kind, AlertLevel level) => kind == Event.Resolved ? "[RESOLVED]" : $"[{level.Word()}]";

    private static string Line(Event kind, Alert alert) => kind switch
    {
        Event.Resolved => $"RESOLVED {alert.Rule} {alert.Subject}: {alert.Message} (alert {alert.Id})",
        Event.Repeated => $"STILL {alert.Level.Word()}, not acknowledged: {alert.Rule} {alert.Subject}: {alert.Message} (alert {alert.Id}; ack with 'monitorcore alerts ack {alert.Id}')",
        _ => $"{alert.Level.Word()} {alert.Rule} {alert.Subject}: {alert.Message} (value {alert.Value:0.##}, threshold {alert.Threshold:0.##}; alert {alert.Id})",
    };

    private static string Key(string channel, IEnumerable<long> ids, IEnumerable<Event> events, DateTimeOffset now)
    {
        var text = $"{channel}|{string.Join(',', ids)}|{string.Join(',', events)}|{now.UtcTicks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
