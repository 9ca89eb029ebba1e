using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Positions;

namespace MonitorCore.Monitors.Market;

/// <summary>
/// The metadata of one market run, gathered as it goes: <c>triggered[]</c>, <c>moves{SYM:{1h,6h,24h}}</c>,
/// <c>anchors{SYM:{price, delta, mode, armed}}</c>, <c>blast_radius{SYM}</c> (and where it came from),
/// <c>flagged_positions[]</c>, <c>level</c> (the highest firing, or null) and <c>alert_ids[]</c> (the firing ones).
/// </summary>
internal sealed class MarketReport
{
    private readonly JsonArray _triggered = [];
    private readonly JsonObject _anchors = [];
    private readonly JsonArray _flagged = [];

    public JsonObject Moves { get; } = [];

    public JsonObject BlastRadius { get; } = [];

    public JsonObject BlastSource { get; } = [];

    /// <summary>How many asset windows had a move (not null).</summary>
    public int Measured { get; set; }

    /// <summary>Percentages are reported to 4 decimals.</summary>
    public static double? Round(double? percent) => percent is { } p ? Math.Round(p, 4) : null;

    /// <summary>A window whose move crossed its threshold.</summary>
    public void Trigger(string asset, string window, double move, double threshold, AlertLevel level) =>
        _triggered.Add(new JsonObject
        {
            ["asset"] = asset,
            ["window"] = window,
            ["move_pct"] = Round(move),
            ["threshold"] = threshold,
            ["level"] = Text(level),
        });

    /// <summary>An asset's anchor after the run, and its trigger when it had one.</summary>
    public void Anchor(string asset, AnchorCheck check)
    {
        var after = check.After;
        _anchors[asset] = new JsonObject
        {
            ["price"] = after.Price,
            ["delta"] = after.DeltaPercent,
            ["mode"] = after.Mode.Word(),
            ["armed"] = after.Armed,
            ["move_pct"] = Round(check.Move),
        };
        if (check is { Level: { } level, Before: { Price: { } from } before })
        {
            _triggered.Add(new JsonObject
            {
                ["asset"] = asset,
                ["window"] = "anchor",
                ["move_pct"] = Round(check.Move),
                ["threshold"] = before.DeltaPercent,
                ["level"] = Text(level),
                ["anchor"] = from,
                ["mode"] = before.Mode.Word(),
                ["new_anchor"] = after.Price,
                ["armed"] = after.Armed,
            });
        }
    }

    /// <summary>ACTIVE positions whose liquidation distance % is inside their asset's blast radius.</summary>
    public void Flag(IEnumerable<Position> positions, IReadOnlyDictionary<string, double> radius)
    {
        foreach (var p in positions)
        {
            _flagged.Add(new JsonObject
            {
                ["position_id"] = p.Id,
                ["asset"] = p.AssetType,
                ["position_type"] = p.PositionType.Word(),
                ["wallet"] = p.WalletName,
                ["distance_pct"] = Round(p.LiquidationDistancePct),
                ["blast_radius"] = Round(radius[p.AssetType]),
            });
        }
    }

    public JsonObject ToJson(AlertOutcome moves, AlertOutcome anchors)
    {
        var level = new[] { moves.HighestLevel, anchors.HighestLevel }.Max();
        var notes = moves.Notes.Concat(anchors.Notes).ToList();
        var metadata = new JsonObject
        {
            ["triggered"] = _triggered,
            ["moves"] = Moves,
            ["anchors"] = _anchors,
            ["blast_radius"] = BlastRadius,
            ["blast_radius_source"] = BlastSource,
            ["flagged_positions"] = _flagged,
            ["level"] = Text(level),
            ["alert_ids"] = new JsonArray([.. moves.FiringIds.Concat(anchors.FiringIds).Select(id => JsonValue.Create(id))]),
            ["notification_ids"] = new JsonArray([.. moves.NotificationIds.Concat(anchors.NotificationIds).Select(id => JsonValue.Create(id))]),
        };
        if (notes.Count > 0)
        {
            metadata["notes"] = new JsonArray([.. notes.Select(n => JsonValue.Create(n))]);
        }

        return metadata;
    }

    private static string? Text(AlertLevel? level) => level?.Word();
}
