using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Events;

namespace MonitorCore.Hosting.Events;

/// <summary>
/// The one tail of the event log in this process (a hosted service): reads the events committed after the
/// last one it handed on, once for all subscribers, and hands them to the <see cref="EventStream"/> in id
/// order. It is woken at once by this process's appends (<see cref="EventSignal"/>) and by other
/// instances' commits on PostgreSQL (<c>LISTEN monitorcore_events</c> on a connection of its own, listened
/// again when it breaks), and otherwise reads every <see cref="EventStreamOptions.PollInterval"/> (another
/// process on the same SQLite file; PostgreSQL's fallback).
/// <para>
/// Ids are given when a row is inserted, not when it commits: on PostgreSQL a transaction holding id 11 may
/// commit after one holding id 12. The tail keeps a watermark (every id up to it handed on) and never
/// passes a missing id: the events above it wait until it appears, or, when it has not appeared within
/// <see cref="EventStreamOptions.MissingIdGrace"/> (a rolled-back transaction, a sequence that jumped), the
/// tail moves past it. So a subscriber that resumes after the last id it saw misses nothing.
/// </para>
/// </summary>
public sealed partial class EventTail(
    IEventLog log,
    EventStream stream,
    EventSignal signal,
    IOptions<EventStreamOptions> options,
    TimeProvider time,
    ILogger<EventTail> logger) : BackgroundService
{
    private long _watermark;
    private long _highestSeen;
    private (long UpTo, DateTimeOffset Since)? _gap;
    private TaskCompletionSource _idle = New();
    private TaskCompletionSource _listening = New();

    /// <summary>Completes when the tail has read and waits again, its poll timer set (tests move the clock then).</summary>
    internal Task NextIdle => Volatile.Read(ref _idle).Task;

    /// <summary>The highest id the tail has read from the log, handed on or held back behind a missing one.</summary>
    internal long HighestSeen => Interlocked.Read(ref _highestSeen);

    /// <summary>Completes when the tail (again) listens for other instances' commits (PostgreSQL).</summary>
    internal Task NextListening => Volatile.Read(ref _listening).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = Task.CompletedTask;
        try
        {
            _watermark = await StartingPointAsync(stoppingToken);
            stream.Start(_watermark);
            listener = ListenAsync(stoppingToken);
            while (true)
            {
                var wait = options.Value.PollInterval;
                try
                {
                    if (await ReadAsync(stoppingToken) is { } untilGiveUp && untilGiveUp < wait)
                    {
                        wait = untilGiveUp;
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReadFailed(logger, ex);
                }

                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            stream.Stop();
            await listener;
        }
    }

    /// <summary>The newest id now: live events are the ones after it (a subscriber's backlog comes from the database).</summary>
    private async Task<long> StartingPointAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await log.LatestIdAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogReadFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Hands on what was committed after the watermark, page by page. Returns how long until a missing id
    /// is given up when one holds the rest back, else null.
    /// </summary>
    private async Task<TimeSpan?> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (true)
        {
            var page = await log.ReadAfterAsync(_watermark, settings.PageSize, cancellationToken);
            if (page.Count > 0 && page[^1].Id > _highestSeen)
            {
                Interlocked.Exchange(ref _highestSeen, page[^1].Id);
            }

            foreach (var e in page)
            {
                if (e.Id != _watermark + 1)
                {
                    // Ids _watermark + 1 … e.Id - 1 are missing: not committed yet, or never.
                    var now = time.GetUtcNow();
                    if (_gap is not { } gap || gap.UpTo <= _watermark)
                    {
                        _gap = gap = (e.Id - 1, now);
                    }

                    var left = gap.Since + settings.MissingIdGrace - now;
                    if (left > TimeSpan.Zero)
                    {
                        return left;
                    }

                    LogGaveUp(logger, _watermark + 1, e.Id - 1, settings.MissingIdGrace.TotalMilliseconds);
                }

                stream.Publish(e);
                _watermark = e.Id;
            }

            if (page.Count < settings.PageSize)
            {
                return null;
            }
        }
    }

    /// <summary>Waits for a wake (an append here, a commit heard elsewhere) or the timer, whichever comes first.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(wait, time, wake.Token);
        var signalled = signal.WaitAsync(wake.Token);
        Interlocked.Exchange(ref _idle, New()).TrySetResult();
        await Task.WhenAny(timer, signalled);
        await wake.CancelAsync();
        try
        {
            await Task.WhenAll(timer, signalled);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled by the other finishing.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Listens for other instances' commits for as long as the service runs (where the database can tell):
    /// a broken connection is listened again at once, then every <see cref="EventStreamOptions.ReconnectDelay"/>;
    /// each time listening begins the tail reads, for what was committed while nobody listened.
    /// </summary>
    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        void Listening()
        {
            failures = 0;
            signal.Notify();
            Interlocked.Exchange(ref _listening, New()).TrySetResult();
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!await log.ListenAsync(Listening, signal.Notify, cancellationToken))
                {
                    return; // the database cannot tell (SQLite): the poll alone
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, ex, failures + 1);
            }

            if (failures++ > 0)
            {
                try
                {
                    await Task.Delay(options.Value.ReconnectDelay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 2500, Level = LogLevel.Error, Message = "The event tail could not read the event log; it tries again at its next look")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning,
        Message = "Event ids {From} to {To} did not appear within {GraceMs} ms (a transaction rolled back?); the stream moves past them")]
    private static partial void LogGaveUp(ILogger logger, long from, long to, double graceMs);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning,
        Message = "Listening for other instances' events failed (try {Failures}); the poll covers until it listens again")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, int failures);
}
