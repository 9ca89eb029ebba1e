using System.Data.Common;
using MonitorCore.Positions;

namespace MonitorCore.Data.Repositories;

/// <summary><c>positions</c>: stored positions with their derived values. Nothing is hard-deleted.</summary>
public sealed class PositionRepository(Database database)
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
            command.Add("@position_type", p.PositionType.ToText());
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
            command.Add("@status", p.Status.ToText());
            command.Add("@stale", p.Stale);
            command.Add("@source", p.Source);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Position>> ListAsync(PositionStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM positions" + (status is null ? "" : " WHERE status = @status") + " ORDER BY id");
        if (status is { } s)
        {
            command.Add("@status", s.ToText());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Position>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private Position Read(DbDataReader r)
    {
        if (!PositionNames.TryParseType(r.GetString(2), out var type))
        {
            throw new InvalidDataException($"position {r.GetString(0)}: unknown side '{r.GetString(2)}'");
        }

        if (!PositionNames.TryParseStatus(r.GetString(17), out var status))
        {
            throw new InvalidDataException($"position {r.GetString(0)}: unknown status '{r.GetString(17)}'");
        }

        return new Position
        {
            Id = r.GetString(0),
            AssetType = r.GetString(1),
            PositionType = type,
            EntryPrice = r.GetDouble(3),
            CurrentPrice = r.GetDouble(4),
            LiquidationPrice = r.GetDouble(5),
            Size = r.GetDouble(6),
            Collateral = r.GetDouble(7),
            Leverage = r.GetDouble(8),
            Value = r.GetDouble(9),
            PnlAfterFeesUsd = r.GetNullableDouble(10),
            TravelPercent = r.GetDouble(11),
            LiquidationDistance = r.GetDouble(12),
            LiquidationDistancePct = r.GetDouble(13),
            HeatIndex = r.GetNullableDouble(14),
            WalletName = r.GetNullableString(15),
            LastUpdated = database.ReadTimestamp(r, 16),
            Status = status,
            Stale = r.GetInt32(18),
            Source = r.GetString(19),
        };
    }
}
