using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Notifications;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// The service's dispatcher: sends due notifications as soon as they are queued (the alert engine
/// signals), retries failed ones when their backoff ends, and looks again at least every poll interval.
/// </summary>
public sealed partial class NotificationDispatchLoop(
    NotificationDispatcher dispatcher,
    INotificationOutbox outbox,
    NotificationSignal signal,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
                var wait = options.Value.PollInterval;
                if (await outbox.NextDueAsync(stoppingToken) is { } next && next - time.GetUtcNow() < wait)
                {
                    wait = next - time.GetUtcNow();
                }

                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogError(logger, ex);
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "The notification dispatcher hit an error and goes on")]
    private static partial void LogError(ILogger logger, Exception exception);
}
