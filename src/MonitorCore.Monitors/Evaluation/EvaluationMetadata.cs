using System.Text.Json.Nodes;
using MonitorCore.Alerts;

namespace MonitorCore.Monitors.Evaluation;

/// <summary>The alert part of an evaluation monitor's ledger metadata: level, alert ids, notes.</summary>
internal static class EvaluationMetadata
{
    public static void Add(JsonObject metadata, params AlertOutcome[] outcomes)
    {
        var level = outcomes.Select(o => o.HighestLevel).Max();
        metadata["level"] = level?.Word();
        metadata["alert_ids"] = new JsonArray([.. outcomes.SelectMany(o => o.FiringIds).Distinct().Select(id => JsonValue.Create(id))]);
        var notified = outcomes.SelectMany(o => o.NotificationIds).ToList();
        if (notified.Count > 0)
        {
            metadata["notification_ids"] = new JsonArray([.. notified.Select(id => JsonValue.Create(id))]);
        }

        var notes = outcomes.SelectMany(o => o.Notes).ToList();
        if (notes.Count > 0)
        {
            metadata["notes"] = new JsonArray([.. notes.Select(n => JsonValue.Create(n))]);
        }
    }

    public static string Describe(MonitorCore.Positions.Position p) => $"{p.AssetType} {p.PositionType.Word()}";
}
