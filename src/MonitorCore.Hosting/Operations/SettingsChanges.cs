using System.Text.Json.Nodes;
using MonitorCore.Events;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// The <c>settings_changed</c> event every settings operation records: which kind of setting
/// (<c>runtime_setting</c>, <c>market</c>, <c>threshold</c>, <c>wallet</c>), the action, the key, and the
/// setting as it now is in the product's JSON.
/// </summary>
internal static class SettingsChanges
{
    public static Task RecordSettingsChangedAsync<T>(this EventRecorder events, string kind, string action, string key, T value) =>
        events.RecordAsync(EventTypes.SettingsChanged, new JsonObject
        {
            ["kind"] = kind,
            ["action"] = action,
            ["key"] = key,
            ["value"] = EventRecorder.Data(value),
        });
}
