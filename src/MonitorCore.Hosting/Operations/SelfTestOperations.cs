using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.SelfTest;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// What the self-test found: the <c>operations_monitor</c> row it recorded, each check (ok, ms, required,
/// detail or error), the providers with nothing to check and the keys to set.
/// </summary>
/// <param name="Run">The ledger row: Error when a required check failed, Warning when only optional ones did.</param>
/// <param name="Checks">Every check that ran: the required ones first.</param>
/// <param name="NotConfigured">The checks that had nothing to check, with the keys to set.</param>
/// <param name="Failed">A check failed, or the run itself did (a timeout).</param>
public sealed record SelfTestResult(LedgerEntry Run, IReadOnlyList<SelfCheckResult> Checks, IReadOnlyDictionary<string, string> NotConfigured, bool Failed);

/// <summary>The power-on self-test on demand (<c>monitorcore selftest</c>, <c>POST /api/selftest</c>): a run of <c>operations_monitor</c>.</summary>
public sealed class SelfTestOperations(MonitorRunner runner)
{
    public const string Monitor = "operations_monitor";

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!runner.Registry.TryGet(Monitor, out var registration))
        {
            throw OperationException.NotFound($"{Monitor} is not registered in this host.", "monitor");
        }

        var entry = await runner.RunAsync(registration, null, cancellationToken);
        var report = SelfTestReport.FromMetadata(entry.Metadata);
        return new SelfTestResult(entry, report.Checks, report.NotConfigured, report.Failed || entry.Status == MonitorStatus.Error);
    }
}
