using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MonitorCore.Events;
using MonitorCore.Ledger;
using MonitorCore.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MonitorCore.Monitoring;

/// <summary>
/// Runs monitors from the registry (one by name, or all in order), each in isolation, and records exactly
/// one ledger row per run (and a <c>run_recorded</c> event for the live faces). Per run: a DI scope, a logging scope named after the monitor, a timeout (an
/// Error with <c>error: "timeout"</c>), and any exception turned into an Error row. A run cut short by
/// shutdown is recorded as Skipped (<c>interrupted: true</c>: a normal stop is not an error) and the
/// cancellation let through. Two runs of one monitor never overlap in this
/// process: the second waits for the first.
/// </summary>
public sealed partial class MonitorRunner(
    MonitorRegistry registry,
    IServiceScopeFactory scopes,
    IMonitorLedger ledger,
    IEnumerable<ILedgerMirror> mirrors,
    SystemVars systemVars,
    EventRecorder events,
    TimeProvider time,
    ILogger<MonitorRunner> logger)
{
    /// <summary>The metadata key (true) of a run cut short by a stop of the service.</summary>
    public const string InterruptedKey = "interrupted";

    /// <summary>The <c>reason</c> of a run cut short by a stop of the service.</summary>
    public const string InterruptedReason = "interrupted: the service stopped during the run";

    private readonly ILedgerMirror[] _mirrors = [.. mirrors];

    /// <summary>The row of a run cut short by a stop (Skipped, <c>interrupted: true</c>): it did not run to its end.</summary>
    public static bool WasInterrupted(LedgerEntry entry) =>
        entry.Status == MonitorStatus.Skipped && entry.Metadata[InterruptedKey] is System.Text.Json.Nodes.JsonValue flag && flag.TryGetValue<bool>(out var interrupted) && interrupted;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    public MonitorRegistry Registry => registry;

    /// <summary>Runs every registered monitor, one after another in registry order.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> RunAllAsync(string? cycleId, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>(registry.All.Count);
        foreach (var registration in registry.All)
        {
            entries.Add(await RunAsync(registration, cycleId, cancellationToken));
        }

        return entries;
    }

    /// <summary>Runs one monitor by key; an unknown key throws <see cref="UnknownMonitorException"/>.</summary>
    public Task<LedgerEntry> RunByNameAsync(string name, string? cycleId, CancellationToken cancellationToken) =>
        RunAsync(registry.Get(name), cycleId, cancellationToken);

    /// <summary>
    /// Runs one registration; a run of the same key already under way is waited for first. A run cancelled
    /// while it waits has not started and records nothing.
    /// </summary>
    public async Task<LedgerEntry> RunAsync(
        MonitorRegistration registration, string? cycleId, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(registration.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunOnceAsync(registration, cycleId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<LedgerEntry> RunOnceAsync(
        MonitorRegistration registration, string? cycleId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)); // as precise as the databases store
        var started = time.GetTimestamp();
        using var logScope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Monitor"] = registration.Name,
            ["CycleId"] = cycleId,
        });

        MonitorResult result;
        var cancelled = false;
        if (registration.Toggle is { } toggle && !await IsEnabledAsync(toggle, cancellationToken))
        {
            result = MonitorResult.Disabled($"{toggle.Name} is off");
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            (result, cancelled) = await RunIsolatedAsync(registration, cycleId, startedAt, scope.ServiceProvider, cancellationToken);
        }

        var durationMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        var entry = await RecordAsync(
            new LedgerEntry(0, registration.Name, startedAt, result.Status, result.Metadata, durationMs, cycleId));

        if (cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return entry;
    }

    /// <summary>
    /// Stores a ledger row (and its mirrors) for a run that was not made by <see cref="RunAsync"/>, such as a
    /// cycle, and records its <c>run_recorded</c> event (a failure to record the event is logged, not thrown).
    /// </summary>
    public async Task<LedgerEntry> RecordAsync(LedgerEntry entry)
    {
        entry = await ledger.AppendAsync(entry, CancellationToken.None);
        if (entry.Status is MonitorStatus.Error or MonitorStatus.Warning)
        {
            // One line a person can act on: the monitor, its status and why (a failing feed names its service and reason).
            // An Error is a Warning-level entry (seen even by serve --quiet and one-shot commands); a Warning, Information.
            var why = (string?)(entry.Metadata[entry.Status == MonitorStatus.Error ? "error" : "warning"] as System.Text.Json.Nodes.JsonValue) ?? "no reason given";
            if (entry.Status == MonitorStatus.Error)
            {
                LogRunFailed(logger, entry.MonitorName, entry.Status, entry.DurationMs ?? 0, why);
            }
            else
            {
                LogRunWarned(logger, entry.MonitorName, entry.Status, entry.DurationMs ?? 0, why);
            }
        }
        else
        {
            LogRun(logger, entry.MonitorName, entry.Status, entry.DurationMs ?? 0);
        }
        await MirrorAsync(entry);
        Diagnostics.MonitorCoreMetrics.RunRecorded(entry.MonitorName, entry.Status, entry.DurationMs);
        await events.RecordAsync(EventTypes.RunRecorded, EventRecorder.Data(entry));
        return entry;
    }

    /// <summary>A toggle whose stored value cannot be read counts as on: a broken setting never silences a monitor.</summary>
    private async Task<bool> IsEnabledAsync(SystemVarKey<bool> toggle, CancellationToken cancellationToken)
    {
        try
        {
            return await systemVars.GetAsync(toggle, cancellationToken);
        }
        catch (SystemVarFormatException ex)
        {
            LogBadToggle(logger, ex, toggle.Name);
            return true;
        }
    }

    private async Task<(MonitorResult Result, bool Cancelled)> RunIsolatedAsync(
        MonitorRegistration registration,
        string? cycleId,
        DateTimeOffset startedAt,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(registration.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Task<MonitorResult>? running = null;
        try
        {
            var monitor = registration.Factory(services);
            var context = new MonitorContext(registration.Name, cycleId, startedAt, services);
            // WaitAsync also bounds a monitor that ignores its token.
            running = monitor.RunAsync(context, linked.Token);
            var result = await running.WaitAsync(registration.Timeout, time, cancellationToken);
            return (result, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A stop (Ctrl+C, SIGTERM) says nothing about the monitor: not an Error; the next run after the restart tells.
            return (MonitorResult.Skipped(InterruptedReason, new JsonObject { [InterruptedKey] = true }), true);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && timeout.IsCancellationRequested)
        {
            LogTimeout(logger, registration.Name, registration.Timeout.TotalMilliseconds);
            return (MonitorResult.Error("timeout", new JsonObject { ["timeout_ms"] = registration.Timeout.TotalMilliseconds }), false);
        }
        catch (Exception ex)
        {
            LogThrew(logger, registration.Name, ex.GetType().Name, ex.Message);
            LogThrewTrace(logger, ex, registration.Name);
            var error = MonitorResult.Error(
                $"{ex.GetType().Name}: {ex.Message}",
                new JsonObject { ["exception"] = ex.GetType().FullName });
            return (error, false);
        }
        finally
        {
            // A run the runner stopped waiting for (shutdown, timeout) is told to stop. The wait can end before the
            // linked token passes a cancellation on (the sources are disposed first), and then the monitor's HTTP
            // calls would run on and hold the host's disposal.
            if (running is { IsCompleted: false })
            {
                await linked.CancelAsync();
            }
        }
    }

    private async Task MirrorAsync(LedgerEntry entry)
    {
        foreach (var mirror in _mirrors)
        {
            try
            {
                await mirror.WriteAsync(entry, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogMirrorFailed(logger, ex, mirror.GetType().Name, entry.MonitorName);
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Monitor {Monitor} finished: {Status} in {DurationMs} ms")]
    private static partial void LogRun(ILogger logger, string monitor, MonitorStatus status, double durationMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Monitor {Monitor} finished: {Status} in {DurationMs} ms: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string monitor, MonitorStatus status, double durationMs, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Monitor {Monitor} finished: {Status} in {DurationMs} ms: {Reason}")]
    private static partial void LogRunWarned(ILogger logger, string monitor, MonitorStatus status, double durationMs, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Monitor {Monitor} timed out after {TimeoutMs} ms")]
    private static partial void LogTimeout(ILogger logger, string monitor, double timeoutMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Monitor {Monitor} threw {Type}: {Message}")]
    private static partial void LogThrew(ILogger logger, string monitor, string type, string message);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Monitor {Monitor} threw; the stack trace")]
    private static partial void LogThrewTrace(ILogger logger, Exception exception, string monitor);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Toggle {Toggle} cannot be read; the monitor runs")]
    private static partial void LogBadToggle(ILogger logger, Exception exception, string toggle);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Ledger mirror {Mirror} failed for {Monitor}")]
    private static partial void LogMirrorFailed(ILogger logger, Exception exception, string mirror, string monitor);
}
