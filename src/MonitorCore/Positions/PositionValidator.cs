namespace MonitorCore.Positions;

/// <summary>Says what is wrong with a position before it is stored; null when nothing is.</summary>
public static class PositionValidator
{
    public static string? Problem(Position position)
    {
        if (string.IsNullOrWhiteSpace(position.Id))
        {
            return "id is empty";
        }

        if (string.IsNullOrWhiteSpace(position.AssetType))
        {
            return "asset_type is empty";
        }

        foreach (var (name, text) in new[] { ("id", position.Id), ("asset_type", position.AssetType), ("wallet_name", position.WalletName) })
        {
            if (text is not null && text.Contains('\0', StringComparison.Ordinal))
            {
                return $"{name} contains a NUL character (U+0000)";
            }
        }

        (string Name, double Value)[] numbers =
        [
            ("entry_price", position.EntryPrice), ("current_price", position.CurrentPrice),
            ("liquidation_price", position.LiquidationPrice), ("size", position.Size),
            ("collateral", position.Collateral), ("leverage", position.Leverage), ("value", position.Value),
            ("travel_percent", position.TravelPercent), ("liquidation_distance", position.LiquidationDistance),
            ("liquidation_distance_pct", position.LiquidationDistancePct),
        ];
        foreach (var (name, value) in numbers)
        {
            if (!double.IsFinite(value))
            {
                return $"{name} is not a finite number ({value})";
            }
        }

        if (position.PnlAfterFeesUsd is { } pnl && !double.IsFinite(pnl))
        {
            return $"pnl_after_fees_usd is not a finite number ({pnl})";
        }

        if (position.HeatIndex is { } heat && !double.IsFinite(heat))
        {
            return $"heat_index is not a finite number ({heat})";
        }

        if (position.Size < 0 || position.Collateral < 0 || position.EntryPrice < 0 || position.LiquidationPrice < 0)
        {
            return "size, collateral, entry_price and liquidation_price must not be negative";
        }

        if (position.EntryPrice > 0 && position.LiquidationPrice > 0)
        {
            if (position.PositionType == PositionType.Long && position.LiquidationPrice >= position.EntryPrice)
            {
                return $"a LONG's liquidation_price ({position.LiquidationPrice:G}) must be below its entry_price ({position.EntryPrice:G})";
            }

            if (position.PositionType == PositionType.Short && position.LiquidationPrice <= position.EntryPrice)
            {
                return $"a SHORT's liquidation_price ({position.LiquidationPrice:G}) must be above its entry_price ({position.EntryPrice:G})";
            }
        }

        return position.Stale < 0 ? "stale must not be negative" : null;
    }
}
