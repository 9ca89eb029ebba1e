using System.Data.Common;
using System.Globalization;
using MonitorCore.SelfTest;
using MonitorCore.Settings;

namespace MonitorCore.Data;

/// <summary>
/// The database, for the self-test: a write and read round trip through <c>system_vars</c> (a probe value
/// written, read back, compared and deleted). Required: nothing is recorded without it.
/// </summary>
internal sealed class DatabaseCheck(Database database, ISystemVarStore store, TimeProvider time) : ISelfCheck
{
    /// <summary>The <c>system_vars</c> key the probe is written under; deleted again at once.</summary>
    public const string ProbeKey = "operations_monitor_probe";

    public string Name => "database";

    public bool Required => true;

    public string? NotConfiguredReason => null;

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var nonce = Guid.NewGuid().ToString("N");
        var json = $$"""{"nonce":"{{nonce}}","at":"{{time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)}}"}""";
        try
        {
            await store.SetRawAsync(ProbeKey, json, cancellationToken);
            var read = await store.GetRawAsync(ProbeKey, cancellationToken);
            await store.DeleteAsync(ProbeKey, cancellationToken);
            return read is not null && read.Contains(nonce, StringComparison.Ordinal)
                ? SelfCheckOutcome.Pass($"{database.Provider.ToString().ToLowerInvariant()} {database.Location.Display}: written and read back")
                : SelfCheckOutcome.Fail($"{database.Location.Display}: the value written was not read back ({(read is null ? "nothing" : "another value")})");
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return SelfCheckOutcome.Fail($"{database.Location.Display}: {ex.Message}");
        }
    }
}
