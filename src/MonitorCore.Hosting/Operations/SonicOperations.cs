using System.Globalization;
using MonitorCore.Heartbeat;
using MonitorCore.Leases;
using MonitorCore.Monitoring;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Operations;

/// <summary>One step of the sonic cycle: its monitor, the word that switches it (<c>market</c>), its toggle and whether it is on.</summary>
/// <param name="Monitor">The monitor, e.g. <c>market_monitor</c>.</param>
/// <param name="Step">The word <c>sonic enable</c>/<c>disable</c> take, e.g. <c>market</c>; null for a step that always runs.</param>
/// <param name="Toggle">The <c>system_vars</c> toggle, e.g. <c>enabled_market</c>; null for a step that always runs.</param>
/// <param name="Enabled">It runs in the next cycle (a toggle that cannot be read counts as on).</param>
public sealed record SonicStep(string Monitor, string? Step, string? Toggle, bool Enabled);

/// <summary>
/// The sonic cycle as a running service follows it: its interval and where it came from, the cycle's own switch,
/// each step's toggle, the instance that runs it, the last cycle and the next.
/// </summary>
/// <param name="IntervalSeconds">Seconds between the starts of two cycles.</param>
/// <param name="IntervalSource"><c>default</c> or <c>runtime settings (monitor_heartbeat)</c>.</param>
/// <param name="Enabled"><c>enabled_sonic</c>: off records every cycle as Disabled.</param>
/// <param name="Steps">The steps in cycle order.</param>
/// <param name="Leader">The instance that runs the cycle, or null when none holds the lease.</param>
/// <param name="LastCycle">When the newest cycle started; null before the first.</param>
/// <param name="NextCycle">When the next is due (one interval after the last started); null before the first.</param>
/// <param name="NextCycleSeconds">Seconds until then; 0 when due; null before the first.</param>
public sealed record SonicView(
    double IntervalSeconds,
    string IntervalSource,
    bool Enabled,
    IReadOnlyList<SonicStep> Steps,
    CycleLeader? Leader,
    DateTimeOffset? LastCycle,
    DateTimeOffset? NextCycle,
    double? NextCycleSeconds);

/// <summary>
/// Live control of the sonic cycle (<c>monitorcore sonic</c>, <c>GET/PUT /api/sonic</c>): what it is doing, and its
/// interval and step toggles changed through the runtime settings, so that a running service follows the change
/// at its next cycle (the scheduler reads the interval at least every 5 s; a step reads its toggle when it runs).
/// </summary>
public sealed class SonicOperations(
    MonitorRegistry registry,
    SettingsOperations settings,
    IHeartbeatStore heartbeats,
    ILeaseStore leases,
    SystemVars systemVars,
    TimeProvider time)
{
    /// <summary>The word for the whole cycle in <c>sonic enable</c>/<c>disable</c>.</summary>
    public const string WholeCycle = "sonic";

    public async Task<SonicView> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var heartbeat = await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken);
        var interval = heartbeat?.Interval ?? Heartbeats.DefaultSonicInterval;
        var steps = new List<SonicStep>();
        foreach (var registration in registry.All.Where(r => r.InCycle))
        {
            steps.Add(registration.Toggle is { } toggle
                ? new SonicStep(registration.Name, StepWord(toggle.Name), toggle.Name, await EnabledAsync(toggle, cancellationToken))
                : new SonicStep(registration.Name, null, null, true));
        }

        var next = heartbeat?.LastRun + interval;
        return new SonicView(
            interval.TotalSeconds,
            heartbeat is null ? "default" : SettingsOperations.HeartbeatSource,
            await EnabledAsync(SystemVarKeys.EnabledSonic, cancellationToken),
            steps,
            CycleLeader.From(await leases.GetAsync(SchedulerLease.Name, cancellationToken), now),
            heartbeat?.LastRun,
            next,
            next is { } due ? Math.Max(0, Math.Round((due - now).TotalSeconds, 3)) : null);
    }

    /// <summary>Sets the interval from a duration with a unit (<c>30s</c>, <c>2m</c>, <c>1h</c>): whole seconds, 1 s to 1 day.</summary>
    public async Task<SonicView> SetIntervalAsync(string interval, CancellationToken cancellationToken)
    {
        if (!Durations.TryParse(interval, out var duration, out var problem))
        {
            throw OperationException.Invalid(problem, "interval");
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond != 0 || duration < TimeSpan.FromSeconds(1) || duration > TimeSpan.FromDays(1))
        {
            throw OperationException.Invalid($"The cycle interval must be whole seconds from 1s to 1d, got {interval.Trim()}.", "interval");
        }

        await settings.SetAsync(RuntimeSettingCatalog.CycleInterval, ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), cancellationToken);
        return await GetAsync(cancellationToken);
    }

    /// <summary>
    /// Switches a step (<c>market</c>, <c>market_monitor</c> or <c>enabled_market</c>) or the whole cycle (<c>sonic</c>) on or off.
    /// A step without a toggle (prices, positions: the others need them) or an unknown one is refused, naming the steps that have one.
    /// </summary>
    public async Task<SonicView> SetStepAsync(string step, bool enabled, CancellationToken cancellationToken)
    {
        var toggle = ToggleOf(step.Trim());
        await settings.SetAsync(toggle, enabled ? "true" : "false", cancellationToken);
        return await GetAsync(cancellationToken);
    }

    private string ToggleOf(string step)
    {
        var word = step.ToLowerInvariant();
        if (word is WholeCycle or Heartbeats.Sonic || word == SystemVarKeys.EnabledSonic.Name)
        {
            return SystemVarKeys.EnabledSonic.Name;
        }

        var inCycle = registry.All.Where(r => r.InCycle).ToList();
        var match = inCycle.FirstOrDefault(r => r.Name == word || r.Name == word + "_monitor" || (r.Toggle is { } t && (t.Name == word || StepWord(t.Name) == word)));
        var switchable = new[] { WholeCycle }.Concat(inCycle.Where(r => r.Toggle is not null).Select(r => StepWord(r.Toggle!.Name))).ToList();
        if (match?.Toggle is { } toggle)
        {
            return toggle.Name;
        }

        if (match is not null)
        {
            throw OperationException.Invalid(
                $"{match.Name} has no toggle: it runs in every cycle (the steps after it need what it fetches). Steps that can be switched: {string.Join(", ", switchable)}.",
                "step");
        }

        var near = Spelling.Nearest(word, switchable) is { } suggestion ? $" Did you mean '{suggestion}'?" : "";
        throw OperationException.NotFound($"'{step}' is not a step of the sonic cycle.{near} Steps that can be switched: {string.Join(", ", switchable)}.", "step");
    }

    /// <summary><c>enabled_market</c> → <c>market</c>.</summary>
    private static string StepWord(string toggle) => toggle.StartsWith("enabled_", StringComparison.Ordinal) ? toggle["enabled_".Length..] : toggle;

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
