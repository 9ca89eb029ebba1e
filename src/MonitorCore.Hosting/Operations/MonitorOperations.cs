using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Operations;

/// <summary>A registered monitor as the faces list it.</summary>
/// <param name="Name">Its key, e.g. <c>price_monitor</c>.</param>
/// <param name="Schedule"><c>cycle</c> (runs in every sonic cycle) or <c>timer</c> (on its own interval).</param>
/// <param name="IntervalSeconds">How often it is expected to run: the cycle interval, or its timer.</param>
/// <param name="TimeoutSeconds">A run longer than this is an Error (<c>timeout</c>).</param>
/// <param name="InCycle">It runs in the sonic cycle.</param>
/// <param name="Enabled">Its toggle is on (always true for a monitor without one).</param>
/// <param name="Toggle">The <c>system_vars</c> switch that turns it off, or null.</param>
/// <param name="Description">What it does.</param>
/// <param name="Origin"><c>built-in</c>, <c>manifest (http)</c> or <c>plugin NAME VERSION</c>.</param>
public sealed record MonitorInfo(
    string Name, string Schedule, double IntervalSeconds, double TimeoutSeconds, bool InCycle, bool Enabled, string? Toggle, string Description, string Origin);

/// <summary>The registered monitors, and the plugins found in <c>plugins/</c> (a broken one with the reason it did not load).</summary>
public sealed record MonitorList(IReadOnlyList<MonitorInfo> Monitors, IReadOnlyList<Plugins.PluginInfo> Plugins);

/// <summary>What running monitors did: one ledger row per run, and the notifications delivered before it returned (when asked).</summary>
public sealed record RunResult(IReadOnlyList<LedgerEntry> Runs, DispatchReport? Delivery)
{
    /// <summary>Some run ended in Error.</summary>
    public bool Failed => Runs.Any(r => r.Status == MonitorStatus.Error);
}

/// <summary>The spec's <c>run_all</c>, <c>run_by_name</c> and the list of registered monitors.</summary>
public sealed class MonitorOperations(
    MonitorRunner runner,
    ExpectedIntervals intervals,
    SystemVars systemVars,
    NotificationOperations notifications,
    Plugins.LoadedPlugins plugins)
{
    /// <summary>The registered monitor keys in run order, read from the registry alone (no database).</summary>
    public IReadOnlyList<string> Registered => [.. runner.Registry.All.Select(r => r.Name)];

    public async Task<MonitorList> ListAsync(CancellationToken cancellationToken)
    {
        var expected = await intervals.GetAsync(cancellationToken);
        var monitors = new List<MonitorInfo>(runner.Registry.All.Count);
        foreach (var r in runner.Registry.All)
        {
            var enabled = r.Toggle is not { } toggle || await EnabledAsync(toggle, cancellationToken);
            monitors.Add(new MonitorInfo(
                r.Name, r.InCycle ? "cycle" : "timer", expected[r.Name].TotalSeconds, r.Timeout.TotalSeconds, r.InCycle, enabled, r.Toggle?.Name, r.Description, r.Origin));
        }

        return new MonitorList(monitors, plugins.All);
    }

    /// <summary>Runs one monitor (its row says its real status); an unknown key is refused with the known ones.</summary>
    /// <param name="name">The monitor's key.</param>
    /// <param name="deliver">Deliver the notifications the run queued before returning (a one-shot process that exits next).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<RunResult> RunAsync(string name, bool deliver, CancellationToken cancellationToken)
    {
        if (!runner.Registry.TryGet(name, out var registration))
        {
            throw OperationException.NotFound(new UnknownMonitorException(name, [.. runner.Registry.Names]).Message, "name");
        }

        var entry = await runner.RunAsync(registration, null, cancellationToken);
        return new RunResult([entry], deliver ? await notifications.DeliverQueuedAsync(cancellationToken) : null);
    }

    /// <summary>Runs every registered monitor in registry order.</summary>
    public async Task<RunResult> RunAllAsync(bool deliver, CancellationToken cancellationToken)
    {
        var entries = await runner.RunAllAsync(null, cancellationToken);
        return new RunResult(entries, deliver ? await notifications.DeliverQueuedAsync(cancellationToken) : null);
    }

    /// <summary>A toggle that cannot be read counts as on, as the runner counts it.</summary>
    private async Task<bool> EnabledAsync(SystemVarKey<bool> toggle, CancellationToken cancellationToken)
    {
        try
        {
            return await systemVars.GetAsync(toggle, cancellationToken);
        }
        catch (SystemVarFormatException)
        {
            return true;
        }
    }
}
