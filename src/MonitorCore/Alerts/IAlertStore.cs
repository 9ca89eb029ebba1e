using MonitorCore.Notifications;

namespace MonitorCore.Alerts;

/// <summary>
/// <c>alerts</c>: the alert lifecycle. Alert changes and the notifications they cause are written in
/// one transaction (<see cref="ApplyAsync"/>), so a raised alert is never without its outbox rows.
/// </summary>
public interface IAlertStore
{
    /// <summary>The FIRING alerts of a monitor (and rule, when given).</summary>
    Task<IReadOnlyList<Alert>> GetFiringAsync(string monitor, string? rule, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Alerts newest first: the FIRING ones, or all.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(bool firingOnly, int limit, CancellationToken cancellationToken);

    /// <summary>How many alerts there are: the FIRING ones, or all.</summary>
    Task<long> CountAsync(bool firingOnly, CancellationToken cancellationToken);

    /// <summary>How many alerts fire at each level.</summary>
    Task<IReadOnlyDictionary<AlertLevel, int>> CountFiringAsync(CancellationToken cancellationToken);

    /// <summary>Marks an alert acknowledged (its reminders stop); false when there is no such FIRING, unacknowledged alert.</summary>
    Task<bool> AcknowledgeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts new alerts (id 0) and updates changed ones, then writes the notifications built from the
    /// stored alerts (which now have ids), all in one transaction. Returns the stored alerts and notifications.
    /// </summary>
    Task<(IReadOnlyList<Alert> Alerts, IReadOnlyList<Notification> Notifications)> ApplyAsync(
        IReadOnlyList<Alert> changed,
        Func<IReadOnlyList<Alert>, IReadOnlyList<Notification>> notificationsFor,
        CancellationToken cancellationToken);
}
