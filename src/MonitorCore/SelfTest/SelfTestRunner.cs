using Microsoft.Extensions.Logging;

namespace MonitorCore.SelfTest;

/// <summary>
/// Runs every registered <see cref="ISelfCheck"/> at once, each under its own deadline, timed on the injected
/// clock: one slow or broken provider never delays or hides another. A check with nothing to check (not
/// configured) is listed with its reason; one that throws or runs out of time is a failure saying so.
/// </summary>
public sealed partial class SelfTestRunner(IEnumerable<ISelfCheck> checks, TimeProvider time, ILogger<SelfTestRunner> logger)
{
    private readonly ISelfCheck[] _checks = [.. checks.OrderByDescending(c => c.Required)];

    /// <summary>The names of the registered checks: the required ones first, each group in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _checks.Select(c => c.Name)];

    public async Task<SelfTestReport> RunAsync(TimeSpan checkTimeout, CancellationToken cancellationToken)
    {
        var notConfigured = new Dictionary<string, string>(StringComparer.Ordinal);
        var running = new List<Task<SelfCheckResult>>();
        foreach (var check in _checks)
        {
            if (check.NotConfiguredReason is { } reason)
            {
                notConfigured[check.Name] = reason;
            }
            else
            {
                running.Add(RunOneAsync(check, checkTimeout, cancellationToken));
            }
        }

        return new SelfTestReport(await Task.WhenAll(running), notConfigured);
    }

    private async Task<SelfCheckResult> RunOneAsync(ISelfCheck check, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Yield(); // every check starts before any one of them is awaited
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        SelfCheckOutcome outcome;
        Task<SelfCheckOutcome>? running = null;
        try
        {
            // WaitAsync also bounds a check that ignores its token.
            running = check.CheckAsync(linked.Token);
            outcome = await running.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is TimeoutException || deadline.IsCancellationRequested))
        {
            outcome = SelfCheckOutcome.Fail($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogThrew(logger, check.Name, ex.GetType().Name, ex.Message);
            outcome = SelfCheckOutcome.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            if (running is { IsCompleted: false })
            {
                await linked.CancelAsync(); // a check given up on (its deadline, a stop) is told to stop
            }
        }

        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        if (!outcome.Ok)
        {
            LogFailed(logger, check.Name, check.Required ? "required" : "optional", outcome.Error ?? "failed");
        }

        return new SelfCheckResult(check.Name, outcome.Ok, check.Required, ms, outcome.Detail, outcome.Error);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Self-check {Check} ({Kind}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string check, string kind, string reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Self-check {Check} threw {Type}: {Message}")]
    private static partial void LogThrew(ILogger logger, string check, string type, string message);
}
