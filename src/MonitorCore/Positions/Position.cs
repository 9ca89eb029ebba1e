using System.Text.Json.Serialization;

namespace MonitorCore.Positions;

public enum PositionType
{
    [JsonStringEnumMemberName("LONG")]
    Long,
    [JsonStringEnumMemberName("SHORT")]
    Short,
}

public enum PositionStatus
{
    [JsonStringEnumMemberName("ACTIVE")]
    Active,
    [JsonStringEnumMemberName("STALE_CLOSED")]
    StaleClosed,
    [JsonStringEnumMemberName("CLOSED")]
    Closed,
}

/// <summary>
/// A leveraged perpetual position (docs/behaviour.md §4). Money is USD; <see cref="Size"/> is the notional.
/// The derived fields (leverage, value, travel, distance, heat) are filled by enrichment.
/// </summary>
public sealed record Position
{
    public required string Id { get; init; }
    public required string AssetType { get; init; }
    public required PositionType PositionType { get; init; }
    public required double EntryPrice { get; init; }
    public double CurrentPrice { get; init; }
    public required double LiquidationPrice { get; init; }
    public required double Size { get; init; }
    public required double Collateral { get; init; }
    public double Leverage { get; init; }
    public double Value { get; init; }
    public double? PnlAfterFeesUsd { get; init; }
    public double TravelPercent { get; init; }
    public double LiquidationDistance { get; init; }
    public double LiquidationDistancePct { get; init; }
    public double? HeatIndex { get; init; }
    public string? WalletName { get; init; }
    public DateTimeOffset LastUpdated { get; init; }
    public PositionStatus Status { get; init; } = PositionStatus.Active;
    public int Stale { get; init; }
    public string Source { get; init; } = "jupiter";
}
