using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Hosting;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Cli;

/// <summary>
/// A command that raises alerts delivers their notifications before it exits, within
/// <c>Notifications:Dispatch:CliWait</c>; what still fails stays in the outbox for the next dispatcher.
/// So a <c>monitorcore run all</c> from cron is a complete deployment.
/// </summary>
internal static class CliDispatch
{
    public static async Task<DispatchReport> DrainAsync(Invocation invocation, MonitorCoreHost host)
    {
        var wait = host.Services.GetRequiredService<IOptions<DispatchOptions>>().Value.CliWait;
        var report = await host.Services.GetRequiredService<NotificationDispatcher>().DrainAsync(wait, invocation.CancellationToken);
        if (report.Total > 0)
        {
            await invocation.Error.WriteLineAsync($"notifications: {Describe(report)}");
        }

        return report;
    }

    public static string Describe(DispatchReport report) =>
        $"{report.Sent} sent, {report.Failed} failed and queued for retry, {report.Dead} dead, {report.Skipped} skipped (channel not configured)";
}
