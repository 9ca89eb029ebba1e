using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using MonitorCore.Alerts;
using MonitorCore.Notifications;

namespace MonitorCore.Data.Repositories;

/// <summary>
/// <c>notification_outbox</c>: every notification is a row before any send. A dispatcher claims due
/// rows under a lease (so two dispatchers, or two instances, never send the same row at once), and
/// records each outcome: sent, failed (retried later), dead, or skipped.
/// </summary>
internal sealed class NotificationOutbox(Database database) : INotificationOutbox
{
    private const string Columns =
        "id, channel, recipient, subject, body, level, alert_ids, group_key, idempotency_key, status, attempts, created_at, " +
        "next_attempt_at, sent_at, provider_message_id, last_error";

    /// <summary>Writes notifications on their own (outside an alert change).</summary>
    public async Task<IReadOnlyList<Notification>> EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var stored = await InsertAsync(connection, transaction, notifications, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    internal async Task<IReadOnlyList<Notification>> InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        var stored = new List<Notification>(notifications.Count);
        foreach (var n in notifications)
        {
            await using var command = connection.Command(
                $"INSERT INTO notification_outbox ({Columns[4..]}) VALUES (@channel, @recipient, @subject, @body, @level, @alert_ids, @group_key, " +
                "@idempotency_key, @status, @attempts, @created_at, @next_attempt_at, @sent_at, @provider_message_id, @last_error) RETURNING id",
                transaction);
            command.Add("@channel", n.Channel);
            command.Add("@recipient", n.Recipient);
            command.Add("@subject", n.Subject);
            command.Add("@body", n.Body);
            command.Add("@level", n.Level.Word());
            database.AddJson(command, "@alert_ids", JsonSerializer.Serialize(n.AlertIds));
            command.Add("@group_key", n.GroupKey);
            command.Add("@idempotency_key", n.IdempotencyKey);
            command.Add("@status", n.Status.Word());
            command.Add("@attempts", n.Attempts);
            command.Add("@created_at", database.ToDb(n.CreatedAt));
            command.Add("@next_attempt_at", database.ToDb(n.NextAttemptAt));
            command.Add("@sent_at", n.SentAt is { } sent ? database.ToDb(sent) : null);
            command.Add("@provider_message_id", n.ProviderMessageId);
            command.Add("@last_error", n.LastError);
            stored.Add(n with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! });
        }

        return stored;
    }

    /// <summary>Claims up to <paramref name="limit"/> due rows for <paramref name="owner"/> until <paramref name="leaseUntil"/>.</summary>
    public async Task<IReadOnlyList<Notification>> ClaimDueAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.Command(
            "UPDATE notification_outbox SET claimed_by = @owner, claimed_until = @until WHERE id IN (" +
            "SELECT id FROM notification_outbox WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= @now " +
            $"AND (claimed_until IS NULL OR claimed_until < @now) ORDER BY id LIMIT @limit{database.SkipLockedClause}) RETURNING {Columns}",
            transaction);
        command.Add("@owner", owner);
        command.Add("@until", database.ToDb(leaseUntil));
        command.Add("@now", database.ToDb(now));
        command.Add("@limit", limit);
        var rows = await ReadAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Id)];
    }

    /// <summary>Records that the claimed rows were delivered.</summary>
    public Task MarkSentAsync(IReadOnlyCollection<long> ids, string owner, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            ids,
            owner,
            "status = 'SENT', attempts = attempts + 1, sent_at = @now, provider_message_id = @provider, last_error = NULL",
            c =>
            {
                c.Add("@now", database.ToDb(now));
                c.Add("@provider", providerMessageId);
            },
            cancellationToken);

    /// <summary>Records a failed try: retried at <paramref name="nextAttempt"/>, or dead when permanent or out of attempts.</summary>
    public Task MarkFailedAsync(
        IReadOnlyCollection<long> ids, string owner, string error, DateTimeOffset nextAttempt, bool permanent, int maxAttempts, CancellationToken cancellationToken) =>
        UpdateAsync(
            ids,
            owner,
            "status = CASE WHEN @permanent = 1 OR attempts + 1 >= @max THEN 'DEAD' ELSE 'FAILED' END, attempts = attempts + 1, " +
            "next_attempt_at = @next, last_error = @error",
            c =>
            {
                c.Add("@permanent", permanent ? 1 : 0);
                c.Add("@max", maxAttempts);
                c.Add("@next", database.ToDb(nextAttempt));
                c.Add("@error", error);
            },
            cancellationToken);

    /// <summary>Records that the rows' channel is not configured: kept with the note, never sent.</summary>
    public Task MarkSkippedAsync(IReadOnlyCollection<long> ids, string owner, string note, CancellationToken cancellationToken) =>
        UpdateAsync(ids, owner, "status = 'SKIPPED', last_error = @note", c => c.Add("@note", note), cancellationToken);

    /// <summary>Makes a failed, dead or skipped row due again now; false when there is no such row.</summary>
    public async Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE notification_outbox SET status = 'PENDING', next_attempt_at = @now, claimed_until = NULL, claimed_by = NULL " +
            "WHERE id = @id AND status IN ('FAILED', 'DEAD', 'SKIPPED')");
        command.Add("@now", database.ToDb(now));
        command.Add("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Rows newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status, int limit, CancellationToken cancellationToken, long? alertId = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = new List<string>();
        await using var command = connection.CreateCommand();
        if (status is { } s)
        {
            where.Add("status = @status");
            command.Add("@status", s.Word());
        }

        if (alertId is { } alert)
        {
            where.Add(database.Provider == DatabaseProvider.Postgres
                ? "alert_ids @> jsonb_build_array(@alert_id)"
                : "EXISTS (SELECT 1 FROM json_each(notification_outbox.alert_ids) WHERE value = @alert_id)");
            command.Add("@alert_id", alert);
        }

        command.CommandText = $"SELECT {Columns} FROM notification_outbox" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC LIMIT @limit";

        command.Add("@limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Notification?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM notification_outbox WHERE id = @id");
        command.Add("@id", id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>When the newest voice call (not skipped or dead) was queued: phone relax counts from it.</summary>
    public async Task<DateTimeOffset?> LastVoiceCallAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT created_at FROM notification_outbox WHERE channel = 'voice' AND status IN ('PENDING', 'FAILED', 'SENT') ORDER BY created_at DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? database.ReadTimestamp(reader, 0) : null;
    }

    public async Task<(int Due, DateTimeOffset? OldestDue)> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT COUNT(*), MIN(next_attempt_at) FROM notification_outbox WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= @now");
        command.Add("@now", database.ToDb(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        return (count, reader.IsDBNull(1) ? null : database.ReadTimestamp(reader, 1));
    }

    /// <summary>The earliest time a pending or failed row is due, or null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT next_attempt_at FROM notification_outbox WHERE status IN ('PENDING', 'FAILED') ORDER BY next_attempt_at LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? database.ReadTimestamp(reader, 0) : null;
    }

    private async Task UpdateAsync(IReadOnlyCollection<long> ids, string owner, string set, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var list = string.Join(", ", ids.Select((_, i) => $"@id{i}"));
        await using var command = connection.Command(
            $"UPDATE notification_outbox SET {set}, claimed_by = NULL, claimed_until = NULL WHERE id IN ({list}) AND claimed_by = @owner");
        var n = 0;
        foreach (var id in ids)
        {
            command.Add($"@id{n++}", id);
        }

        command.Add("@owner", owner);
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Notification>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Notification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Notification
            {
                Id = reader.GetInt64(0),
                Channel = reader.GetString(1),
                Recipient = reader.GetString(2),
                Subject = reader.GetString(3),
                Body = reader.GetString(4),
                Level = Vocabulary.Parse<AlertLevel>(reader.GetString(5)),
                AlertIds = JsonSerializer.Deserialize<long[]>(reader.GetString(6)) ?? [],
                GroupKey = reader.GetNullableString(7),
                IdempotencyKey = reader.GetString(8),
                Status = Vocabulary.Parse<NotificationStatus>(reader.GetString(9)),
                Attempts = Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
                CreatedAt = database.ReadTimestamp(reader, 11),
                NextAttemptAt = database.ReadTimestamp(reader, 12),
                SentAt = reader.IsDBNull(13) ? null : database.ReadTimestamp(reader, 13),
                ProviderMessageId = reader.GetNullableString(14),
                LastError = reader.GetNullableString(15),
            });
        }

        return rows;
    }
}
