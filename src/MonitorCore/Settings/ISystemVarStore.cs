namespace MonitorCore.Settings;

/// <summary>
/// The <c>system_vars</c> table: a key → JSON value store for runtime settings, badges and
/// snoozes. Values are JSON text; <see cref="SystemVars"/> gives typed access.
/// </summary>
public interface ISystemVarStore
{
    Task<string?> GetRawAsync(string key, CancellationToken cancellationToken);

    Task SetRawAsync(string key, string json, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> ListRawAsync(CancellationToken cancellationToken);
}
