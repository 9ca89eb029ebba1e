using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Data.Files;
using MonitorCore.Ledger;
using MonitorCore.Prices;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// The retention policy (docs/behaviour.md §9): ledger rows and price history older than
/// <c>Ledger:RetentionDays</c> (90) are deleted, at most once an hour, by the instance that runs the
/// cycle, so the database does not grow without bound. Alerts, positions and the outbox are kept.
/// </summary>
public sealed partial class Retention(
    IMonitorLedger ledger,
    IPriceStore prices,
    IOptions<LedgerOptions> options,
    TimeProvider time,
    ILogger<Retention> logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

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
        var deleted = await ledger.PruneAsync(cutoff, cancellationToken) + await prices.PruneAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            LogPruned(logger, deleted, cutoff);
        }

        return deleted;
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Retention: deleted {Rows} ledger and price rows older than {Cutoff}")]
    private static partial void LogPruned(ILogger logger, int rows, DateTimeOffset cutoff);
}
