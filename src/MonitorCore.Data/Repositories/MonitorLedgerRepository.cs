using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Data.Repositories;

/// <summary>
/// <c>monitor_ledger</c> on SQLite or PostgreSQL (the spec's <c>DLMonitorLedgerManager</c>). Rows that
/// cannot be read back (an unknown status, broken metadata JSON) are returned as Error rows that say
/// so, never dropped and never allowed to break a read.
/// </summary>
internal sealed class MonitorLedgerRepository(Database database) : IMonitorLedger
{
    private const string Columns = "id, monitor_name, timestamp, status, metadata, duration_ms, cycle_id";

    private const string InsertSql =
        "INSERT INTO monitor_ledger (monitor_name, timestamp, status, metadata, duration_ms, cycle_id, import_key) " +
        "VALUES (@monitor_name, @timestamp, @status, @metadata, @duration_ms, @cycle_id, @import_key)";

    public async Task<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        Validate(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(InsertSql + " RETURNING id");
        Bind(command, entry, null);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return entry with { Id = id };
    }

    public async Task AppendBatchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            Validate(entry);
        }

        await WriteManyAsync(entries.Select(e => (e, (string?)null)).ToList(), InsertSql, cancellationToken);
    }

    public async Task<int> ImportAsync(IReadOnlyList<ImportedLedgerEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var imported in entries)
        {
            Validate(imported.Entry);
        }

        return await WriteManyAsync(
            entries.Select(e => (e.Entry, (string?)e.ImportKey)).ToList(),
            InsertSql + " ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING",
            cancellationToken,
            skipPrunedImports: true);
    }

    public async Task<IReadOnlyDictionary<string, LedgerEntry>> GetLatestAsync(
        IReadOnlyCollection<string> monitorNames, CancellationToken cancellationToken, DateTimeOffset? notAfter = null)
    {
        var bound = database.ToDb(notAfter ?? DateTimeOffset.MaxValue.AddDays(-1));
        var result = new Dictionary<string, LedgerEntry>(monitorNames.Count, StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // One round trip: an index seek per name, joined laterally.
            await using var lateral = connection.Command(
                $"SELECT l.{Columns.Replace(", ", ", l.", StringComparison.Ordinal)} FROM unnest(@names) AS n(name) " +
                "CROSS JOIN LATERAL (SELECT * FROM monitor_ledger m WHERE m.monitor_name = n.name AND m.timestamp <= @not_after " +
                "ORDER BY m.timestamp DESC, m.id DESC LIMIT 1) l");
            lateral.Add("@names", monitorNames.ToArray());
            lateral.Add("@not_after", bound);
            await using var rows = await lateral.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var entry = Read(rows);
                result[entry.MonitorName] = entry;
            }

            return result;
        }

        // SQLite: no round trips, so one prepared seek per name is as fast.
        await using var command = connection.Command(
            $"SELECT {Columns} FROM monitor_ledger WHERE monitor_name = @name AND timestamp <= @not_after ORDER BY timestamp DESC, id DESC LIMIT 1");
        var name = command.Add("@name", "");
        command.Add("@not_after", bound);
        foreach (var monitor in monitorNames)
        {
            name.Value = monitor;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                result[monitor] = Read(reader);
            }
        }

        return result;
    }

    public async Task<LedgerEntry?> GetLatestWithStatusAsync(
        string monitorName, IReadOnlyCollection<MonitorStatus> statuses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var placeholders = string.Join(", ", statuses.Select((_, i) => $"@s{i}"));
        await using var command = connection.Command(
            $"SELECT {Columns} FROM monitor_ledger WHERE monitor_name = @name AND status IN ({placeholders}) " +
            "ORDER BY timestamp DESC, id DESC LIMIT 1");
        command.Add("@name", monitorName);
        var i = 0;
        foreach (var status in statuses)
        {
            command.Add($"@s{i++}", status.ToString());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var where = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (query.MonitorName is not null)
        {
            where.Add("monitor_name = @name");
            command.Add("@name", query.MonitorName);
        }

        if (query.Before is { } before)
        {
            where.Add("(timestamp < @before_time OR (timestamp = @before_time AND id < @before_id))");
            command.Add("@before_time", database.ToDb(before.Timestamp));
            command.Add("@before_id", before.Id);
        }

        if (query.Status is { } status)
        {
            where.Add("status = @status");
            command.Add("@status", status.Word());
        }

        if (query.Since is { } since)
        {
            where.Add("timestamp >= @since");
            command.Add("@since", database.ToDb(since));
        }

        if (query.Until is { } until)
        {
            where.Add("timestamp < @until");
            command.Add("@until", database.ToDb(until));
        }

        command.Add("@limit", query.Limit);
        command.CommandText = $"SELECT {Columns} FROM monitor_ledger" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY timestamp DESC, id DESC LIMIT @limit";
        var rows = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<long> CountAsync(string? monitorName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT COUNT(*) FROM monitor_ledger" + (monitorName is null ? "" : " WHERE monitor_name = @name"));
        if (monitorName is not null)
        {
            command.Add("@name", monitorName);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes rows older than <paramref name="cutoff"/> (the retention policy); returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var day = database.UtcDay("timestamp");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using (var rollup = connection.Command(
            "INSERT INTO ledger_daily (monitor_name, day, status, runs, duration_runs, duration_ms_min, duration_ms_max, duration_ms_sum) " +
            $"SELECT monitor_name, {day}, status, COUNT(*), COUNT(duration_ms), MIN(duration_ms), MAX(duration_ms), SUM(duration_ms) " +
            $"FROM monitor_ledger WHERE timestamp < @cutoff GROUP BY monitor_name, {day}, status " +
            "ON CONFLICT (monitor_name, day, status) DO UPDATE SET runs = ledger_daily.runs + excluded.runs, " +
            "duration_runs = ledger_daily.duration_runs + excluded.duration_runs, " +
            "duration_ms_min = CASE WHEN ledger_daily.duration_ms_min IS NULL OR excluded.duration_ms_min < ledger_daily.duration_ms_min " +
            "THEN excluded.duration_ms_min ELSE ledger_daily.duration_ms_min END, " +
            "duration_ms_max = CASE WHEN ledger_daily.duration_ms_max IS NULL OR excluded.duration_ms_max > ledger_daily.duration_ms_max " +
            "THEN excluded.duration_ms_max ELSE ledger_daily.duration_ms_max END, " +
            "duration_ms_sum = COALESCE(ledger_daily.duration_ms_sum, 0) + COALESCE(excluded.duration_ms_sum, 0)",
            transaction))
        {
            rollup.Add("@cutoff", database.ToDb(cutoff));
            await rollup.ExecuteNonQueryAsync(cancellationToken);
        }

        // A legacy row pruned here and imported again would be counted twice in the rollups: its key is kept.
        await using (var keys = connection.Command(
            "INSERT INTO ledger_pruned_import_keys (import_key) SELECT import_key FROM monitor_ledger " +
            "WHERE timestamp < @cutoff AND import_key IS NOT NULL ON CONFLICT (import_key) DO NOTHING",
            transaction))
        {
            keys.Add("@cutoff", database.ToDb(cutoff));
            await keys.ExecuteNonQueryAsync(cancellationToken);
        }

        int deleted;
        await using (var delete = connection.Command("DELETE FROM monitor_ledger WHERE timestamp < @cutoff", transaction))
        {
            delete.Add("@cutoff", database.ToDb(cutoff));
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<IReadOnlyList<LedgerDay>> DailyAsync(string? monitorName, DateOnly since, CancellationToken cancellationToken)
    {
        var day = database.UtcDay("timestamp");
        var monitor = monitorName is null ? "" : " AND monitor_name = @monitor";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT monitor_name, day, status, runs, duration_runs, duration_ms_min, duration_ms_max, duration_ms_sum FROM ledger_daily " +
            $"WHERE day >= @day{monitor} " +
            $"UNION ALL SELECT monitor_name, {day}, status, COUNT(*), COUNT(duration_ms), MIN(duration_ms), MAX(duration_ms), SUM(duration_ms) " +
            $"FROM monitor_ledger WHERE timestamp >= @since{monitor} GROUP BY monitor_name, {day}, status");
        command.Add("@day", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Add("@since", database.ToDb(new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        if (monitorName is not null)
        {
            command.Add("@monitor", monitorName);
        }

        var merged = new Dictionary<(string, string, string), (long Runs, long Timed, double? Min, double? Max, double Sum)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                double? Nullable(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
                var (runs, timed, min, max, sum) = (Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture), Nullable(5), Nullable(6), Nullable(7) ?? 0);
                merged[key] = merged.TryGetValue(key, out var was)
                    ? (was.Runs + runs, was.Timed + timed, Lowest(was.Min, min), Highest(was.Max, max), was.Sum + sum)
                    : (runs, timed, min, max, sum);
            }
        }

        return [.. merged
            .Select(p => new LedgerDay(
                p.Key.Item1,
                DateOnly.ParseExact(p.Key.Item2, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Vocabulary.TryParse<MonitorStatus>(p.Key.Item3, out var status) ? status : MonitorStatus.Error,
                p.Value.Runs,
                p.Value.Timed,
                p.Value.Min,
                p.Value.Timed > 0 ? Math.Round(p.Value.Sum / p.Value.Timed, 3) : null,
                p.Value.Max))
            .OrderBy(d => d.Day).ThenBy(d => d.MonitorName, StringComparer.Ordinal).ThenBy(d => d.Status)];
    }

    private static double? Lowest(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static double? Highest(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <param name="skipPrunedImports">Leaves out rows whose import key retention has pruned (already in the rollups).</param>
    private async Task<int> WriteManyAsync(
        IReadOnlyList<(LedgerEntry Entry, string? ImportKey)> rows, string sql, CancellationToken cancellationToken, bool skipPrunedImports = false)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.Command(sql, transaction);
        await using var pruned = connection.Command("SELECT COUNT(*) FROM ledger_pruned_import_keys WHERE import_key = @import_key", transaction);
        var prunedKey = pruned.Add("@import_key", "");
        var inserted = 0;
        var first = true;
        foreach (var (entry, key) in rows)
        {
            if (skipPrunedImports && key is not null)
            {
                prunedKey.Value = key;
                if (Convert.ToInt64(await pruned.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            if (first)
            {
                // The parameters are made once; each further row only sets their values.
                Bind(command, entry, key);
                await command.PrepareAsync(cancellationToken);
                first = false;
            }
            else
            {
                SetValues(command.Parameters, entry, key);
            }

            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private void Bind(DbCommand command, LedgerEntry entry, string? importKey)
    {
        command.Add("@monitor_name", entry.MonitorName);
        command.Add("@timestamp", database.ToDb(entry.Timestamp));
        command.Add("@status", entry.Status.ToString());
        database.AddJson(command, "@metadata", entry.Metadata.ToJsonString());
        command.Add("@duration_ms", entry.DurationMs);
        command.Add("@cycle_id", entry.CycleId);
        command.Add("@import_key", importKey);
    }

    /// <summary>Sets the values of parameters made by <see cref="Bind"/>, in its order.</summary>
    private void SetValues(DbParameterCollection parameters, LedgerEntry entry, string? importKey)
    {
        parameters[0].Value = entry.MonitorName;
        parameters[1].Value = database.ToDb(entry.Timestamp);
        parameters[2].Value = entry.Status.ToString();
        parameters[3].Value = entry.Metadata.ToJsonString();
        parameters[4].Value = (object?)entry.DurationMs ?? DBNull.Value;
        parameters[5].Value = (object?)entry.CycleId ?? DBNull.Value;
        parameters[6].Value = (object?)importKey ?? DBNull.Value;
    }

    private static void Validate(LedgerEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.MonitorName))
        {
            throw new ArgumentException("A ledger row needs a monitor name.", nameof(entry));
        }

        if (entry.DurationMs is { } ms && (!double.IsFinite(ms) || ms < 0))
        {
            throw new ArgumentException($"duration_ms of a {entry.MonitorName} row must be a non-negative number, got {ms}.", nameof(entry));
        }
    }

    private LedgerEntry Read(DbDataReader reader)
    {
        var statusText = reader.GetString(3);
        var rawMetadata = reader.GetString(4);
        JsonObject metadata;
        try
        {
            metadata = JsonNode.Parse(rawMetadata) as JsonObject ?? new JsonObject { ["unreadable_metadata"] = rawMetadata };
        }
        catch (JsonException)
        {
            metadata = new JsonObject { ["unreadable_metadata"] = rawMetadata };
        }

        if (!Enum.TryParse<MonitorStatus>(statusText, ignoreCase: false, out var status) || status.ToString() != statusText)
        {
            metadata["unreadable_status"] = statusText;
            status = MonitorStatus.Error;
        }

        return new LedgerEntry(
            reader.GetInt64(0),
            reader.GetString(1),
            database.ReadTimestamp(reader, 2),
            status,
            metadata,
            reader.GetNullableDouble(5),
            reader.GetNullableString(6));
    }
}
