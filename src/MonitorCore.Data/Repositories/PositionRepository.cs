using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using MonitorCore.Positions;

namespace MonitorCore.Data.Repositories;

/// <summary><c>positions</c> on SQLite or PostgreSQL.</summary>
internal sealed class PositionRepository(Database database, TimeProvider time) : IPositionStore
{
    private const string Columns =
        "id, asset_type, position_type, entry_price, current_price, liquidation_price, size, collateral, leverage, value, " +
        "pnl_after_fees_usd, travel_percent, liquidation_distance, liquidation_distance_pct, heat_index, wallet_name, " +
        "last_updated, status, stale, source";

    private static readonly string UpsertSql =
        $"INSERT INTO positions ({Columns}) VALUES (@id, @asset_type, @position_type, @entry_price, @current_price, " +
        "@liquidation_price, @size, @collateral, @leverage, @value, @pnl_after_fees_usd, @travel_percent, @liquidation_distance, " +
        "@liquidation_distance_pct, @heat_index, @wallet_name, @last_updated, @status, @stale, @source) " +
        "ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", Columns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));

    /// <summary>Inserts or updates positions in one transaction; refuses the batch if any is invalid.</summary>
    public async Task UpsertAsync(IReadOnlyList<Position> positions, CancellationToken cancellationToken)
    {
        foreach (var position in positions)
        {
            if (PositionValidator.Problem(position) is { } problem)
            {
                throw new ArgumentException($"position {position.Id}: {problem}", nameof(positions));
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.Command(UpsertSql, transaction);
        foreach (var p in positions)
        {
            command.Parameters.Clear();
            command.Add("@id", p.Id);
            command.Add("@asset_type", p.AssetType);
            command.Add("@position_type", p.PositionType.Word());
            command.Add("@entry_price", p.EntryPrice);
            command.Add("@current_price", p.CurrentPrice);
            command.Add("@liquidation_price", p.LiquidationPrice);
            command.Add("@size", p.Size);
            command.Add("@collateral", p.Collateral);
            command.Add("@leverage", p.Leverage);
            command.Add("@value", p.Value);
            command.Add("@pnl_after_fees_usd", p.PnlAfterFeesUsd);
            command.Add("@travel_percent", p.TravelPercent);
            command.Add("@liquidation_distance", p.LiquidationDistance);
            command.Add("@liquidation_distance_pct", p.LiquidationDistancePct);
            command.Add("@heat_index", p.HeatIndex);
            command.Add("@wallet_name", p.WalletName);
            command.Add("@last_updated", database.ToDb(p.LastUpdated));
            command.Add("@status", p.Status.Word());
            command.Add("@stale", p.Stale);
            command.Add("@source", p.Source);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Position>> ListAsync(PositionStatus? status, CancellationToken cancellationToken) =>
        (await ReadAsync(status, cancellationToken)).Positions;

    /// <summary>
    /// Reads stored positions. A row that cannot be read (an unknown side or status, a number that is
    /// not a number, a negative size) is moved to <c>positions_quarantine</c> with the reason and its
    /// raw values, and reported; the rest are returned.
    /// </summary>
    public async Task<PositionReadResult> ReadAsync(PositionStatus? status, CancellationToken cancellationToken)
    {
        var positions = new List<Position>();
        var quarantined = new List<QuarantinedPosition>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.Command($"SELECT {Columns} FROM positions ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                try
                {
                    var position = Read(reader);
                    if (PositionValidator.Problem(position) is { } problem)
                    {
                        throw new InvalidDataException(problem);
                    }

                    if (status is null || position.Status == status)
                    {
                        positions.Add(position);
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or InvalidCastException or FormatException or OverflowException)
                {
                    quarantined.Add(new QuarantinedPosition(
                        Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "", ex.Message, RawRow(reader), Moved: !database.ReadOnly));
                }
            }
        }

        if (quarantined.Count > 0 && !database.ReadOnly)
        {
            await QuarantineAsync(connection, quarantined, cancellationToken);
        }

        return new PositionReadResult(positions, quarantined);
    }

    /// <summary>The rows moved to quarantine so far, newest first.</summary>
    public async Task<IReadOnlyList<QuarantinedPosition>> ListQuarantineAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT position_id, reason, raw FROM positions_quarantine ORDER BY id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<QuarantinedPosition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new QuarantinedPosition(reader.GetString(0), reader.GetString(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!));
        }

        return rows;
    }

    private async Task QuarantineAsync(DbConnection connection, List<QuarantinedPosition> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var row in rows)
        {
            await using (var insert = connection.Command(
                "INSERT INTO positions_quarantine (position_id, reason, raw, quarantined_at) VALUES (@id, @reason, @raw, @at)", transaction))
            {
                insert.Add("@id", row.PositionId);
                insert.Add("@reason", row.Reason);
                database.AddJson(insert, "@raw", row.Raw.ToJsonString());
                insert.Add("@at", database.ToDb(time.GetUtcNow()));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var delete = connection.Command("DELETE FROM positions WHERE id = @id", transaction);
            delete.Add("@id", row.PositionId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>SQLite stores any value in any column, and reads text as 0 when asked for a number: refuse it.</summary>
    private static double Number(DbDataReader r, int ordinal) =>
        r.GetFieldType(ordinal) == typeof(string)
            ? throw new InvalidDataException($"{r.GetName(ordinal)} is not a number ('{r.GetString(ordinal)}')")
            : r.GetDouble(ordinal);

    private static double? NullableNumber(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Number(r, ordinal);

    private static JsonObject RawRow(DbDataReader reader)
    {
        var raw = new JsonObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            raw[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
                double d => JsonValue.Create(d),
                long l => JsonValue.Create(l),
                int n => JsonValue.Create(n),
                bool b => JsonValue.Create(b),
                var other => JsonValue.Create(Convert.ToString(other, CultureInfo.InvariantCulture)),
            };
        }

        return raw;
    }

    private Position Read(DbDataReader r)
    {
        if (!Vocabulary.TryParse<PositionType>(r.GetString(2), out var type))
        {
            throw new InvalidDataException($"position {r.GetString(0)}: unknown side '{r.GetString(2)}'");
        }

        if (!Vocabulary.TryParse<PositionStatus>(r.GetString(17), out var status))
        {
            throw new InvalidDataException($"position {r.GetString(0)}: unknown status '{r.GetString(17)}'");
        }

        return new Position
        {
            Id = r.GetString(0),
            AssetType = r.GetString(1),
            PositionType = type,
            EntryPrice = Number(r, 3),
            CurrentPrice = Number(r, 4),
            LiquidationPrice = Number(r, 5),
            Size = Number(r, 6),
            Collateral = Number(r, 7),
            Leverage = Number(r, 8),
            Value = Number(r, 9),
            PnlAfterFeesUsd = NullableNumber(r, 10),
            TravelPercent = Number(r, 11),
            LiquidationDistance = Number(r, 12),
            LiquidationDistancePct = Number(r, 13),
            HeatIndex = NullableNumber(r, 14),
            WalletName = r.GetNullableString(15),
            LastUpdated = database.ReadTimestamp(r, 16),
            Status = status,
            Stale = r.GetInt32(18),
            Source = r.GetString(19),
        };
    }
}
