using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MonitorCore.Json;

namespace MonitorCore.Events;

/// <summary>
/// Records events where they happen (a run, a cycle, an alert, a snooze, a send, a setting) for the live
/// faces. Recording is a side effect: a failure to record is logged and never fails the run, the alert or
/// the send the event describes.
/// </summary>
public sealed partial class EventRecorder(IEventLog log, ILogger<EventRecorder> logger)
{
    /// <summary>A record in the product's JSON (snake_case keys, enums as their words), as an event's data.</summary>
    public static JsonObject Data<T>(T value) =>
        JsonSerializer.SerializeToNode(value, MonitorCoreJson.Options) as JsonObject ?? [];

    /// <summary>A list of records in the product's JSON.</summary>
    public static JsonArray List<T>(IEnumerable<T> values) => [.. values.Select(v => JsonSerializer.SerializeToNode(v, MonitorCoreJson.Options))];

    public Task RecordAsync(string type, JsonObject data) => RecordAsync([new NewEvent(type, data)]);

    /// <summary>Records an event whose data must first be read (an alert read back); a failure to read is a failure to record.</summary>
    public async Task RecordAsync(string type, Func<Task<JsonObject>> data)
    {
        JsonObject built;
        try
        {
            built = await data();
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, 1, type);
            return;
        }

        await RecordAsync(type, built);
    }

    /// <summary>Records events in one transaction of the log; nothing to record is nothing done.</summary>
    public async Task RecordAsync(IReadOnlyList<NewEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            // Not cancelled with what it describes: the run or the send happened, so its event is written.
            await log.AppendAsync(events, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, events.Count, events[0].Type);
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Count} event(s) ({Type}) could not be recorded; what they describe is not affected")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, string type);
}
