using System.Data.Common;
using System.Globalization;
using MonitorCore.Alerts;
using MonitorCore.Notifications;

namespace MonitorCore.Data.Repositories;

/// <summary>
/// <c>alerts</c>: the alert lifecycle. Alert changes and the notifications they cause are written in
/// one transaction (<see cref="ApplyAsync"/>), so a raised alert is never without its outbox rows.
/// </summary>
internal sealed class AlertRepository(Database database, NotificationOutbox outbox) : IAlertStore
{
    private const string Columns =
        "id, rule, subject, monitor, level, peak_level, state, value, threshold, message, first_seen, last_seen, last_changed, " +
        "resolved_at, acknowledged_at, last_notified_at, notify_count";

    /// <summary>The FIRING alerts of a monitor (and rule, when given).</summary>
    public Task<IReadOnlyList<Alert>> GetFiringAsync(string monitor, string? rule, CancellationToken cancellationToken) =>
        QueryAsync(
            "WHERE state = 'FIRING' AND monitor = @monitor" + (rule is null ? "" : " AND rule = @rule") + " ORDER BY id",
            command =>
            {
                command.Add("@monitor", monitor);
                if (rule is not null)
                {
                    command.Add("@rule", rule);
                }
            },
            cancellationToken);

    public async Task<Alert?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = @id", c => c.Add("@id", id), cancellationToken)).SingleOrDefault();

    /// <summary>Alerts newest first: the FIRING ones, or all.</summary>
    public Task<IReadOnlyList<Alert>> ListAsync(bool firingOnly, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            (firingOnly ? "WHERE state = 'FIRING' " : "") + "ORDER BY id DESC LIMIT @limit",
            c => c.Add("@limit", limit),
            cancellationToken);

    public async Task<long> CountAsync(bool firingOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM alerts" + (firingOnly ? " WHERE state = 'FIRING'" : ""));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>How many alerts fire at each level.</summary>
    public async Task<IReadOnlyDictionary<AlertLevel, int>> CountFiringAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT level, COUNT(*) FROM alerts WHERE state = 'FIRING' GROUP BY level");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = Enum.GetValues<AlertLevel>().ToDictionary(l => l, _ => 0);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Vocabulary.TryParse<AlertLevel>(reader.GetString(0), out var level))
            {
                counts[level] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    /// <summary>Marks an alert acknowledged (its reminders stop); false when there is no such FIRING alert.</summary>
    public async Task<bool> AcknowledgeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE alerts SET acknowledged_at = @now WHERE id = @id AND state = 'FIRING' AND acknowledged_at IS NULL");
        command.Add("@now", database.ToDb(now));
        command.Add("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Inserts new alerts and updates changed ones, then writes the notifications built from the stored
    /// alerts (which now have ids), all in one transaction. Returns the stored alerts and notifications.
    /// One INSERT and one UPDATE command serve every alert of the call: each is prepared once and only its
    /// parameter values change from row to row (an evaluation may update thousands of firing alerts).
    /// </summary>
    public async Task<(IReadOnlyList<Alert> Alerts, IReadOnlyList<Notification> Notifications)> ApplyAsync(
        IReadOnlyList<Alert> changed,
        Func<IReadOnlyList<Alert>, IReadOnlyList<Notification>> notificationsFor,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var insert = connection.Command(InsertSql, transaction);
        await using var update = connection.Command(UpdateSql, transaction);
        var stored = new List<Alert>(changed.Count);
        foreach (var alert in changed)
        {
            if (alert.Id == 0)
            {
                Bind(insert, alert);
                stored.Add(alert with { Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))! });
            }
            else
            {
                Bind(update, alert);
                Set(update, "@id", alert.Id);
                await update.ExecuteNonQueryAsync(cancellationToken);
                stored.Add(alert);
            }
        }

        var notifications = await outbox.InsertAsync(connection, transaction, notificationsFor(stored), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored, notifications);
    }

    private static readonly string InsertSql =
        $"INSERT INTO alerts ({Columns[4..]}) VALUES (@rule, @subject, @monitor, @level, @peak_level, @state, @value, @threshold, @message, @first_seen, " +
        "@last_seen, @last_changed, @resolved_at, @acknowledged_at, @last_notified_at, @notify_count) RETURNING id";

    private const string UpdateSql =
        "UPDATE alerts SET level = @level, peak_level = @peak_level, state = @state, value = @value, threshold = @threshold, message = @message, " +
        "last_seen = @last_seen, last_changed = @last_changed, resolved_at = @resolved_at, last_notified_at = @last_notified_at, " +
        "notify_count = @notify_count WHERE id = @id";

    private void Bind(DbCommand command, Alert alert)
    {
        Set(command, "@rule", alert.Rule);
        Set(command, "@subject", alert.Subject);
        Set(command, "@monitor", alert.Monitor);
        Set(command, "@level", alert.Level.Word());
        Set(command, "@peak_level", (alert.PeakLevel > alert.Level ? alert.PeakLevel : alert.Level).Word());
        Set(command, "@state", alert.State.Word());
        Set(command, "@value", alert.Value);
        Set(command, "@threshold", alert.Threshold);
        Set(command, "@message", alert.Message);
        Set(command, "@first_seen", database.ToDb(alert.FirstSeen));
        Set(command, "@last_seen", database.ToDb(alert.LastSeen));
        Set(command, "@last_changed", database.ToDb(alert.LastChanged));
        Set(command, "@resolved_at", alert.ResolvedAt is { } r ? database.ToDb(r) : null);
        Set(command, "@acknowledged_at", alert.AcknowledgedAt is { } a ? database.ToDb(a) : null);
        Set(command, "@last_notified_at", alert.LastNotifiedAt is { } n ? database.ToDb(n) : null);
        Set(command, "@notify_count", alert.NotifyCount);
    }

    /// <summary>Sets a parameter's value, adding the parameter on the command's first use; null becomes SQL NULL.</summary>
    private static void Set(DbCommand command, string name, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.Add(name, value);
        }
        else
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }
    }

    private async Task<IReadOnlyList<Alert>> QueryAsync(string tail, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM alerts {tail}");
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Alert
            {
                Id = reader.GetInt64(0),
                Rule = reader.GetString(1),
                Subject = reader.GetString(2),
                Monitor = reader.GetString(3),
                Level = Vocabulary.Parse<AlertLevel>(reader.GetString(4)),
                PeakLevel = Vocabulary.Parse<AlertLevel>(reader.GetString(5)),
                State = Vocabulary.Parse<AlertState>(reader.GetString(6)),
                Value = reader.GetDouble(7),
                Threshold = reader.GetDouble(8),
                Message = reader.GetString(9),
                FirstSeen = database.ReadTimestamp(reader, 10),
                LastSeen = database.ReadTimestamp(reader, 11),
                LastChanged = database.ReadTimestamp(reader, 12),
                ResolvedAt = reader.IsDBNull(13) ? null : database.ReadTimestamp(reader, 13),
                AcknowledgedAt = reader.IsDBNull(14) ? null : database.ReadTimestamp(reader, 14),
                LastNotifiedAt = reader.IsDBNull(15) ? null : database.ReadTimestamp(reader, 15),
                NotifyCount = reader.GetInt32(16),
            });
        }

        return rows;
    }
}
