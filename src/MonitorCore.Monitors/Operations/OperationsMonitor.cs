using Microsoft.Extensions.Options;
using MonitorCore.Monitoring;
using MonitorCore.SelfTest;

namespace MonitorCore.Monitors.Operations;

/// <summary>
/// <c>operations_monitor</c>, the power-on self-test (docs/behaviour.md §5): every registered
/// <see cref="ISelfCheck"/> at once (the configuration, the database round trip, each configured provider
/// reached with its credentials without sending anything, each feed answering), each named in
/// <c>checks{}</c> with ok, duration and reason. Error when a required check fails (one a configured
/// channel needs, the database, the configuration), Warning when only optional ones do (feeds, OpenAI).
/// Runs when the service starts and then on its timer (1 h).
/// </summary>
internal sealed class OperationsMonitor(SelfTestRunner selfTest, IOptionsSnapshot<OperationsMonitorOptions> options) : IMonitor
{
    public const string Name = "operations_monitor";

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        (await selfTest.RunAsync(options.Get(context.Name).CheckTimeout, cancellationToken)).ToResult();
}
