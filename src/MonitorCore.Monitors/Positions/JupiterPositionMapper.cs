using System.Text.Json.Nodes;
using MonitorCore.Monitors.Sources;
using MonitorCore.Positions;

namespace MonitorCore.Monitors.Positions;

/// <summary>One Jupiter item, mapped: a position, or a mint the product does not know, or a problem.</summary>
internal sealed record MappedItem(Position? Position, string? UnknownMint, string? Problem);

/// <summary>
/// Maps Jupiter Perps items to positions (docs/behaviour.md §4). Numbers may come as JSON numbers or numeric
/// strings. An unknown market mint is not guessed: the item is skipped and named.
/// </summary>
internal static class JupiterPositionMapper
{
    public static readonly IReadOnlyDictionary<string, string> Mints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["So11111111111111111111111111111111111111112"] = "SOL",
        ["7vfCXTUXx5WJV5JADk17DUJ4ksgau7utNKj4b963voxs"] = "ETH",
        ["3NZ9JMVBmGAqocybic2c7LQCJScmgsAZ6vQqTDzcqmJh"] = "BTC",
    };

    public static MappedItem Map(JsonNode? node, string walletName, string source, DateTimeOffset now)
    {
        if (node is not JsonObject item)
        {
            return new MappedItem(null, null, "not a JSON object");
        }

        var id = (item["positionPubkey"] as JsonValue)?.TryGetValue<string>(out var key) == true ? key : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return new MappedItem(null, null, "no positionPubkey");
        }

        var mint = (item["marketMint"] as JsonValue)?.TryGetValue<string>(out var m) == true ? m : "";
        if (!Mints.TryGetValue(mint, out var asset))
        {
            return new MappedItem(null, $"{mint} (position {id})", null);
        }

        var side = (item["side"] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        if (!Vocabulary.TryParse<PositionType>(side, out var type))
        {
            return new MappedItem(null, null, $"position {id}: unknown side '{side}'");
        }

        string? problem = null;
        double Required(string field, bool positive)
        {
            var value = FeedHttp.Number(item[field]);
            if (problem is null && (!double.IsFinite(value) || value < 0 || (positive && value == 0)))
            {
                problem = $"position {id}: {field} is not a {(positive ? "positive" : "non-negative")} number ({item[field]?.ToJsonString() ?? "missing"})";
            }

            return value;
        }

        var entry = Required("entryPrice", positive: true);
        var liquidation = Required("liquidationPrice", positive: false);
        var size = Required("size", positive: true);
        var collateral = Required("collateral", positive: true);
        var mark = FeedHttp.OptionalNumber(item["markPrice"]);
        var pnl = FeedHttp.OptionalNumber(item["pnlAfterFeesUsd"]);
        if (problem is null && (mark is { } mk && (!double.IsFinite(mk) || mk <= 0) || pnl is { } p && !double.IsFinite(p)))
        {
            problem = $"position {id}: markPrice or pnlAfterFeesUsd is not a number";
        }

        if (problem is not null)
        {
            return new MappedItem(null, null, problem);
        }

        return new MappedItem(
            new Position
            {
                Id = id,
                AssetType = asset,
                PositionType = type,
                EntryPrice = entry,
                LiquidationPrice = liquidation,
                Size = size,
                Collateral = collateral,
                CurrentPrice = mark ?? 0,
                PnlAfterFeesUsd = pnl,
                WalletName = walletName,
                LastUpdated = now,
                Source = source,
            },
            null,
            null);
    }
}
