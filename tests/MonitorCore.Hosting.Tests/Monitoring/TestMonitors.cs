using System.Text.Json.Nodes;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Monitors with a known behaviour, to exercise the runner.</summary>
internal sealed class SucceedingMonitor : IMonitor
{
    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(MonitorResult.Success(new JsonObject { ["cycle"] = context.CycleId }));
}

internal sealed class ThrowingMonitor : IMonitor
{
    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("feed exploded");
}

/// <summary>What a <see cref="HangingMonitor"/> saw: that its run started, and that its own token was cancelled.</summary>
internal sealed class CancellationProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class HangingMonitor(CancellationProbe? probe = null) : IMonitor
{
    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        probe?.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                probe?.Cancelled.TrySetResult();
            }
        }

        return MonitorResult.Success();
    }
}

/// <summary>Ignores its token: only the runner's own deadline can stop waiting for it.</summary>
internal sealed class DeafMonitor : IMonitor
{
    private static readonly TaskCompletionSource<MonitorResult> Never = new();

    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) => Never.Task;
}

/// <summary>
/// Holds every run of a <see cref="GatedMonitor"/> until the test releases it, and records who was inside
/// when: how many runs of each key were in at once, the order of entries and exits, and how many ledger
/// rows of its key a run found when it came in.
/// </summary>
internal sealed class RunGate
{
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _entered = [];
    private readonly List<TaskCompletionSource> _released = [];
    private readonly Dictionary<string, int> _inside = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _mostAtOnce = new(StringComparer.Ordinal);
    private readonly List<string> _events = [];
    private int _started;
    private int _insideAll;

    /// <summary>The most runs inside at once, of any key.</summary>
    public int MostAtOnce { get; private set; }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public Dictionary<int, long> RowsSeenOnEntry { get; } = [];

    /// <summary>The most runs of <paramref name="name"/> inside at once.</summary>
    public int MostAtOnceOf(string name)
    {
        lock (_lock)
        {
            return _mostAtOnce.GetValueOrDefault(name);
        }
    }

    /// <summary>Completes when the <paramref name="run"/>-th run (from 0, in order of entry) is inside.</summary>
    public Task Entered(int run) => Slot(_entered, run).Task;

    /// <summary>Lets the <paramref name="run"/>-th run finish.</summary>
    public void Release(int run) => Slot(_released, run).TrySetResult();

    public int Enter(string name)
    {
        int run;
        lock (_lock)
        {
            run = _started++;
            _inside[name] = _inside.GetValueOrDefault(name) + 1;
            _mostAtOnce[name] = Math.Max(_mostAtOnce.GetValueOrDefault(name), _inside[name]);
            MostAtOnce = Math.Max(MostAtOnce, ++_insideAll);
            _events.Add($"enter {name} {run}");
        }

        return run;
    }

    public async Task WaitAsync(int run, CancellationToken cancellationToken)
    {
        Slot(_entered, run).TrySetResult();
        await Slot(_released, run).Task.WaitAsync(cancellationToken);
    }

    public void Exit(string name, int run)
    {
        lock (_lock)
        {
            _inside[name]--;
            _insideAll--;
            _events.Add($"exit {name} {run}");
        }
    }

    private TaskCompletionSource Slot(List<TaskCompletionSource> slots, int run)
    {
        lock (_lock)
        {
            while (slots.Count <= run)
            {
                slots.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return slots[run];
        }
    }
}

/// <summary>Comes in, notes how many ledger rows of its key there are, and waits at the <see cref="RunGate"/> until released.</summary>
internal sealed class GatedMonitor(RunGate gate, IMonitorLedger ledger) : IMonitor
{
    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var run = gate.Enter(context.Name);
        try
        {
            var rows = await ledger.CountAsync(context.Name, cancellationToken);
            lock (gate.RowsSeenOnEntry)
            {
                gate.RowsSeenOnEntry[run] = rows;
            }

            await gate.WaitAsync(run, cancellationToken);
            return MonitorResult.Success(new JsonObject { ["run"] = run });
        }
        finally
        {
            gate.Exit(context.Name, run);
        }
    }
}
