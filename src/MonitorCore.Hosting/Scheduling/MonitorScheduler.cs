using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonitorCore.Heartbeat;
using MonitorCore.Leases;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// The service loop. The sonic cycle starts one interval after the previous one started (the
/// interval is re-read from <c>monitor_heartbeat</c> as it waits, so a change applies live); an
/// overrun cycle is followed at once, never overlapped. Monitors outside the cycle run on their own
/// timers, each at most once at a time, beside the cycle. The loop never dies from an exception.
/// </summary>
public sealed partial class MonitorScheduler(
    SonicCycle cycle,
    MonitorRegistry registry,
    MonitorRunner runner,
    ExpectedIntervals expected,
    IMonitorLedger ledger,
    IHeartbeatStore heartbeats,
    ILeaseStore leases,
    TimeProvider time,
    ILogger<MonitorScheduler> logger) : BackgroundService
{
    /// <summary>The lease that makes one instance, of several sharing a database, the one that runs the cycle.</summary>
    public const string LeaseName = "scheduler";

    /// <summary>A leader renews its lease every loop (at most <see cref="MaxWait"/> apart); one that stops is replaced after this.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>Who this instance is in the <c>leases</c> table.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether this instance ran the cycle at its last look; the others stand by.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>The longest the loop sleeps before it looks again at intervals and timers.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextIdle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the next time the loop goes to sleep with nothing running (tests and tools wait on it).</summary>
    internal Task NextIdle => Volatile.Read(ref _nextIdle).Task;

    /// <summary>When the sleeping loop wakes next, if nothing else wakes it first.</summary>
    internal DateTimeOffset SleepingUntil { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timerMonitors = registry.All.Where(r => !r.InCycle).ToList();
        var due = await InitialDueTimesAsync(timerMonitors, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await LeadAsync(stoppingToken))
                    {
                        await SleepAsync(MaxWait, stoppingToken);
                        continue;
                    }

                    // The shared heartbeat keeps the cadence, also across a restart or a change of leader.
                    var sonic = await heartbeats.GetAsync(Heartbeats.Sonic, stoppingToken);
                    var interval = sonic?.Interval ?? Heartbeats.DefaultSonicInterval;
                    var nextCycle = sonic?.LastRun + interval ?? time.GetUtcNow();
                    if (time.GetUtcNow() >= nextCycle)
                    {
                        await cycle.RunAsync(stoppingToken);
                        continue;
                    }

                    var intervals = await expected.GetAsync(stoppingToken);
                    foreach (var registration in timerMonitors)
                    {
                        if (time.GetUtcNow() >= due[registration.Name] && !IsRunning(registration.Name))
                        {
                            due[registration.Name] = time.GetUtcNow() + intervals[registration.Name];
                            _inFlight[registration.Name] = RunTimerMonitorAsync(registration, stoppingToken);
                        }
                    }

                    var wait = due.Values.Append(nextCycle).Min() - time.GetUtcNow();
                    await SleepAsync(wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait > MaxWait ? MaxWait : wait, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogLoopError(logger, ex);
                    await Task.Delay(ErrorBackoff, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            await Task.WhenAll(_inFlight.Values);
            if (IsLeader)
            {
                await leases.ReleaseAsync(LeaseName, Holder, CancellationToken.None);
                IsLeader = false;
            }
        }
    }

    /// <summary>Takes or renews the lease; logs when this instance becomes the leader or stands by.</summary>
    private async Task<bool> LeadAsync(CancellationToken stoppingToken)
    {
        var leader = await leases.TryAcquireAsync(LeaseName, Holder, time.GetUtcNow(), LeaseDuration, stoppingToken);
        if (leader != IsLeader)
        {
            LogLeadership(logger, Holder, leader ? "runs the cycle" : "stands by: another instance runs the cycle");
        }

        IsLeader = leader;
        return leader;
    }

    /// <summary>Sleeps until <paramref name="wait"/> has passed or a timer monitor finishes, whichever is first.</summary>
    private async Task SleepAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        var running = _inFlight.Values.Where(t => !t.IsCompleted).ToList();
        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, sleep.Token);
        SleepingUntil = time.GetUtcNow() + wait;
        if (running.Count == 0)
        {
            // Signalled once the timer is set, so that whoever moves the clock next wakes this sleep.
            Interlocked.Exchange(ref _nextIdle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        await Task.WhenAny([delay, .. running]);
        await sleep.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private bool IsRunning(string name) => _inFlight.TryGetValue(name, out var task) && !task.IsCompleted;

    private async Task RunTimerMonitorAsync(MonitorRegistration registration, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await runner.RunAsync(registration, null, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Recorded by the runner as cancelled.
        }
        catch (Exception ex)
        {
            LogTimerError(logger, ex, registration.Name);
        }
    }

    /// <summary>A monitor that ran recently waits out the rest of its interval after a restart.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> InitialDueTimesAsync(
        IReadOnlyList<MonitorRegistration> monitors, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = await ledger.GetLatestAsync([.. monitors.Select(m => m.Name)], cancellationToken, now);
        var intervals = await expected.GetAsync(cancellationToken);
        return monitors.ToDictionary(
            m => m.Name,
            m => latest.TryGetValue(m.Name, out var row) && row.Timestamp + intervals[m.Name] > now ? row.Timestamp + intervals[m.Name] : now,
            StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Instance {Holder} {What}")]
    private static partial void LogLeadership(ILogger logger, string holder, string what);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Error, Message = "The service loop hit an error and goes on")]
    private static partial void LogLoopError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Timer run of {Monitor} could not be recorded")]
    private static partial void LogTimerError(ILogger logger, Exception exception, string monitor);
}
