using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonitorCore.Json;

/// <summary>
/// The one JSON convention of every output and stored value: snake_case keys, enums as their
/// <see cref="Vocabulary"/> words, ISO-8601 times, names as they were given.
/// </summary>
public static class MonitorCoreJson
{
    /// <summary>Compact: for storage and the API.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    /// <summary>Indented: for people reading the CLI's <c>--json</c>.</summary>
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            Converters = { new VocabularyEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
