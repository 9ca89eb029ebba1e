using System.Text.Json.Nodes;

namespace MonitorCore.Monitoring;

/// <summary>
/// What a monitor returns: an explicit status and its metadata. Nothing is guessed from the
/// shape of the metadata; the status says what happened.
/// </summary>
public sealed record MonitorResult(MonitorStatus Status, JsonObject Metadata)
{
    public static MonitorResult Success(JsonObject? metadata = null) =>
        new(MonitorStatus.Success, metadata ?? []);

    public static MonitorResult Warning(string warning, JsonObject? metadata = null) =>
        new(MonitorStatus.Warning, With(metadata, "warning", warning));

    public static MonitorResult Error(string error, JsonObject? metadata = null) =>
        new(MonitorStatus.Error, With(metadata, "error", error));

    public static MonitorResult Skipped(string reason, JsonObject? metadata = null) =>
        new(MonitorStatus.Skipped, With(metadata, "reason", reason));

    public static MonitorResult Disabled(string reason, JsonObject? metadata = null) =>
        new(MonitorStatus.Disabled, With(metadata, "reason", reason));

    private static JsonObject With(JsonObject? metadata, string key, string value)
    {
        var result = metadata ?? [];
        result[key] = value;
        return result;
    }
}
