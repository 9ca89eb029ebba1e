using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonitorCore.Json;

/// <summary>
/// Writes every enum as its <see cref="Vocabulary"/> word and reads the word or the member name in any
/// casing (what people and older stored values write), as values and as dictionary keys. Numbers are refused.
/// </summary>
public sealed class VocabularyEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Refused(reader.TokenType.ToString());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Word());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Word());

        private static T Parse(string? text) => Vocabulary.TryParse<T>(text, out var value) ? value : throw Refused($"'{text}'");

        private static JsonException Refused(string what) =>
            new($"{what} is not one of {string.Join(", ", Vocabulary.Words<T>())} ({typeof(T).Name}).");
    }
}
