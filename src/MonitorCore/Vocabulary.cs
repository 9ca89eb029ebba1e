using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace MonitorCore;

/// <summary>
/// The words users see for enum values, the same in the database, in JSON and in text (docs/behaviour.md,
/// "Vocabulary"): an enum member's <see cref="JsonStringEnumMemberNameAttribute"/> (<c>STALE_CLOSED</c>,
/// <c>HIGH</c>), else its name (<c>Success</c>). Reading accepts the word or the member name in any casing.
/// </summary>
public static class Vocabulary
{
    /// <summary>The word for <paramref name="value"/>.</summary>
    public static string Word<T>(this T value)
        where T : struct, Enum =>
        Cache<T>.ByValue.TryGetValue(value, out var word) ? word : value.ToString();

    /// <summary>Reads a word (or member name) in any casing; false for anything else, numbers included.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum =>
        Cache<T>.ByWord.TryGetValue(text?.Trim() ?? "", out value);

    /// <summary>Reads a word; throws <see cref="FormatException"/> naming the words it takes.</summary>
    public static T Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not one of {string.Join(", ", Words<T>())}.");

    /// <summary>Every word of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Words<T>()
        where T : struct, Enum =>
        Cache<T>.All;

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> All;
        public static readonly FrozenDictionary<T, string> ByValue;
        public static readonly FrozenDictionary<string, T> ByWord;

        static Cache()
        {
            var byValue = new Dictionary<T, string>();
            var byWord = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (T)field.GetValue(null)!;
                var word = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
                byValue[value] = word;
                byWord[word] = value;
                byWord.TryAdd(field.Name, value);
            }

            All = [.. byValue.Values];
            ByValue = byValue.ToFrozenDictionary();
            ByWord = byWord.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}
