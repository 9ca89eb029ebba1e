using System.Text.Json;
using MonitorCore.Json;

namespace MonitorCore.Settings;

/// <summary>
/// Typed access to <c>system_vars</c>. A stored value that cannot be read as the key's type is
/// reported with the key's name (<see cref="SystemVarFormatException"/>) and never overwritten
/// behind the user's back.
/// </summary>
public sealed class SystemVars(ISystemVarStore store)
{
    private static readonly JsonSerializerOptions Json = MonitorCoreJson.Options;

    public async Task<T> GetAsync<T>(SystemVarKey<T> key, CancellationToken cancellationToken = default)
    {
        var raw = await store.GetRawAsync(key.Name, cancellationToken);
        if (raw is null)
        {
            return key.Default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(raw, Json) ?? key.Default;
        }
        catch (JsonException ex)
        {
            throw new SystemVarFormatException(key.Name, typeof(T), raw, ex);
        }
    }

    public Task SetAsync<T>(SystemVarKey<T> key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key.Name);
        return store.SetRawAsync(key.Name, JsonSerializer.Serialize(value, Json), cancellationToken);
    }

    public Task<bool> ResetAsync<T>(SystemVarKey<T> key, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(key.Name, cancellationToken);
}

/// <summary>A stored <c>system_vars</c> value that is not of the type its key expects.</summary>
public sealed class SystemVarFormatException(string key, Type expected, string raw, Exception inner)
    : Exception($"system_vars '{key}' holds {Shorten(raw)}, which is not a {expected.Name}. Set it again or delete it to use the default.", inner)
{
    public string Key { get; } = key;

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";
}
