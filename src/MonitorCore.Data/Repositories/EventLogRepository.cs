using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Events;
using MonitorCore.Json;

namespace MonitorCore.Data.Repositories;

/// <summary>
/// <c>events</c>: the durable event log the live faces stream. An append is one transaction; on
/// PostgreSQL it also sends <c>NOTIFY monitorcore_events</c> (delivered at commit), and after the commit
/// it wakes this process's tail (<see cref="EventSignal"/>). Data that cannot be read back is returned
/// as <c>unreadable_data</c>, never dropped.
/// </summary>
internal sealed class EventLogRepository(Database database, TimeProvider time, EventSignal signal) : IEventLog
{
    /// <summary>The channel every append notifies and every instance listens on (PostgreSQL).</summary>
    public const string Channel = "monitorcore_events";

    public async Task<IReadOnlyList<MonitorEvent>> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            if (!EventTypes.All.Contains(e.Type, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{e.Type}' is not an event type ({string.Join(", ", EventTypes.All)}).", nameof(events));
            }
        }

        if (events.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)); // as precise as the databases store
        var stored = new List<MonitorEvent>(events.Count);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            await using var insert = connection.Command("INSERT INTO events (type, at, data) VALUES (@type, @at, @data) RETURNING id", transaction);
            var type = insert.Add("@type", "");
            insert.Add("@at", database.ToDb(at));
            database.AddJson(insert, "@data", "{}");
            var data = insert.Parameters[2];
            foreach (var e in events)
            {
                type.Value = e.Type;
                data.Value = e.Data.ToJsonString(MonitorCoreJson.Options);
                var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                stored.Add(new MonitorEvent(id, e.Type, at, e.Data));
            }

            await database.NotifyAsync(connection, transaction, Channel, stored[^1].Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Notify();
        return stored;
    }

    public async Task<IReadOnlyList<MonitorEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, type, at, data FROM events WHERE id > @after ORDER BY id LIMIT @limit");
        command.Add("@after", afterId);
        command.Add("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MonitorEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MonitorEvent(reader.GetInt64(0), reader.GetString(1), database.ReadTimestamp(reader, 2), Parse(reader.GetString(3))));
        }

        return rows;
    }

    /// <summary>
    /// The newest id committed; when retention has emptied the log, the newest id ever given (the
    /// sequence), so that a tail starting then does not take the next id for a gap.
    /// </summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(database.Provider == DatabaseProvider.Postgres
            ? "SELECT COALESCE((SELECT MAX(id) FROM events), pg_sequence_last_value(pg_get_serial_sequence('events', 'id')), 0)"
            : "SELECT COALESCE((SELECT MAX(id) FROM events), (SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM events WHERE at < @cutoff");
        command.Add("@cutoff", database.ToDb(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<bool> ListenAsync(Action listening, Action committed, CancellationToken cancellationToken) =>
        database.ListenAsync(Channel, listening, committed, cancellationToken);

    private static JsonObject Parse(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? new JsonObject { ["unreadable_data"] = raw };
        }
        catch (JsonException)
        {
            return new JsonObject { ["unreadable_data"] = raw };
        }
    }
}
