using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MonitorCore.Events;
using MonitorCore.Heartbeat;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>What one cycle did and the interval it was run under.</summary>
public sealed record CycleOutcome(LedgerEntry Entry, TimeSpan Interval);

/// <summary>
/// One sonic cycle (docs/behaviour.md §2): every in-cycle monitor in registry order, each recorded on its
/// own; a step that fails is recorded and the cycle goes on. The cycle itself is one
/// <c>sonic_monitor</c> row (<c>steps</c>, <c>duration_ms</c>, <c>overrun</c>, and <c>watchdog</c>: what the previous
/// cycle's ping got) and a heartbeat, then the watchdog ping (in the background) and a <c>cycle_completed</c> event.
/// </summary>
public sealed partial class SonicCycle(
    MonitorRegistry registry,
    MonitorRunner runner,
    IHeartbeatStore heartbeats,
    SystemVars systemVars,
    EventRecorder events,
    Watchdog watchdog,
    TimeProvider time,
    ILogger<SonicCycle> logger)
{
    public async Task<CycleOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var started = time.GetTimestamp();
        var interval = (await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken))?.Interval ?? Heartbeats.DefaultSonicInterval;
        var cycleId = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

        MonitorResult result;
        var failed = new List<string>();
        var ping = watchdog.TakeFinished(); // the previous cycle's ping, if it is done: never waited for
        if (!await EnabledAsync(cancellationToken))
        {
            result = MonitorResult.Disabled($"{SystemVarKeys.EnabledSonic.Name} is off");
        }
        else
        {
            var steps = new JsonObject();
            foreach (var registration in registry.All.Where(r => r.InCycle))
            {
                var status = await RunStepAsync(registration, cycleId, cancellationToken);
                steps[registration.Name] = status.ToString();
                if (status == MonitorStatus.Error)
                {
                    failed.Add(registration.Name);
                }
            }

            var elapsed = time.GetElapsedTime(started);
            var overrun = elapsed > interval;
            var metadata = new JsonObject
            {
                ["steps"] = steps,
                ["duration_ms"] = Math.Round(elapsed.TotalMilliseconds, 3),
                ["overrun"] = overrun,
                ["interval_seconds"] = interval.TotalSeconds,
            };
            var warnings = new List<string>();
            if (overrun)
            {
                warnings.Add($"overrun: the cycle took {elapsed.TotalSeconds:0.###} s of a {interval.TotalSeconds:0.###} s interval");
            }

            if (failed.Count > 0)
            {
                warnings.Add($"steps failed: {string.Join(", ", failed)}");
            }

            if (ping is { Ok: false })
            {
                warnings.Add($"watchdog ping after cycle {ping.CycleId} failed: {ping.Error}");
            }

            result = warnings.Count > 0 ? MonitorResult.Warning(string.Join("; ", warnings), metadata) : MonitorResult.Success(metadata);
        }

        if (ping is not null)
        {
            result.Metadata["watchdog"] = ping.ToJson();
        }

        var entry = await runner.RecordAsync(new LedgerEntry(
            0, Heartbeats.Sonic, startedAt, result.Status, result.Metadata, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3), cycleId));
        await heartbeats.RecordRunAsync(Heartbeats.Sonic, startedAt, Heartbeats.DefaultSonicInterval, CancellationToken.None);
        watchdog.Ping(cycleId, fail: failed.Count > 0);
        MonitorCore.Diagnostics.MonitorCoreMetrics.CycleCompleted(time.GetElapsedTime(started));
        await events.RecordAsync(EventTypes.CycleCompleted, new JsonObject
        {
            ["entry"] = EventRecorder.Data(entry),
            ["interval_seconds"] = interval.TotalSeconds,
        });
        return new CycleOutcome(entry, interval);
    }

    private async Task<MonitorStatus> RunStepAsync(MonitorRegistration registration, string cycleId, CancellationToken cancellationToken)
    {
        try
        {
            return (await runner.RunAsync(registration, cycleId, cancellationToken)).Status;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The runner records monitor failures itself; this is the ledger itself failing.
            LogStepFailed(logger, ex, registration.Name);
            return MonitorStatus.Error;
        }
    }

    private async Task<bool> EnabledAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await systemVars.GetAsync(SystemVarKeys.EnabledSonic, cancellationToken);
        }
        catch (SystemVarFormatException)
        {
            return true;
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Cycle step {Monitor} could not be recorded")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string monitor);
}
