using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Notifications.XCom;

/// <summary>
/// <c>xcom_monitor</c>: sends a LOW test notification (e-mail by default) through the whole pipeline,
/// outbox and dispatcher included, to prove that delivery works end to end.
/// </summary>
internal sealed class XComMonitor(TestNotifier notifier, IMonitorLedger ledger, IOptionsSnapshot<XComOptions> options, TimeProvider time) : IMonitor
{
    public const string Name = XComOptions.Monitor;

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        var last = await ledger.GetLatestWithStatusAsync(Name, [MonitorStatus.Success], cancellationToken);
        if (last is not null && time.GetUtcNow() - last.Timestamp < settings.Every)
        {
            return MonitorResult.Skipped(
                $"a test notification was delivered at {last.Timestamp:yyyy-MM-dd HH:mm} UTC; the next one is due after {settings.Every} (Monitors:xcom_monitor:Every)");
        }

        return TestNotifier.ToResult(await notifier.SendAsync(settings.Channel, AlertLevel.Low, Name, cancellationToken));
    }
}
