using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Data.Files;
using MonitorCore.Events;
using MonitorCore.Ledger;
using MonitorCore.Prices;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// The retention policy (docs/behaviour.md §9): ledger rows, price history and events older than
/// <c>Ledger:RetentionDays</c> (90) are deleted, at most once an hour, by the instance that runs the
/// cycle, so the database does not grow without bound. Alerts, positions and the outbox are kept.
/// A hosted service: it looks every minute whether this instance leads and a prune is due.
/// </summary>
public sealed partial class Retention(
    IMonitorLedger ledger,
    IPriceStore prices,
    IEventLog events,
    MonitorScheduler scheduler,
    IOptions<LedgerOptions> options,
    TimeProvider time,
    ILogger<Retention> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>How often the service looks whether a prune is due.</summary>
    public static readonly TimeSpan Look = TimeSpan.FromMinutes(1);

    private TaskCompletionSource _looked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the service's next look (tests move the clock between looks).</summary>
    internal Task NextLook => Volatile.Read(ref _looked).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Look, time);
        try
        {
            do
            {
                try
                {
                    if (scheduler.IsLeader)
                    {
                        await PruneIfDueAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }

                Interlocked.Exchange(ref _looked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private DateTimeOffset? _lastRun;

    /// <summary>Prunes when an hour has passed since the last prune; returns the rows deleted (0 when not due).</summary>
    public async Task<int> PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_lastRun is { } last && now - last < Every)
        {
            return 0;
        }

        _lastRun = now;
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var deleted = await ledger.PruneAsync(cutoff, cancellationToken) + await prices.PruneAsync(cutoff, cancellationToken)
            + await events.PruneAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            LogPruned(logger, deleted, cutoff);
        }

        return deleted;
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "Retention could not prune; it tries again at its next look")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Retention: deleted {Rows} ledger, price and event rows older than {Cutoff}")]
    private static partial void LogPruned(ILogger logger, int rows, DateTimeOffset cutoff);
}
