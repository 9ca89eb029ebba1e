using MonitorCore.Data.Files;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Operations;

/// <summary>One monitor's expected interval and whether the timer file sets it.</summary>
public sealed record TimerInfo(string Monitor, double IntervalSeconds, bool Overridden);

/// <summary>The intervals of every monitor; <see cref="Problem"/> says why the file's last good values are used, when it is malformed.</summary>
public sealed record TimerList(string File, IReadOnlyList<TimerInfo> Timers, string? Problem);

/// <summary>A monitor's interval after a change (null: back to its default), and the file's new version.</summary>
public sealed record TimerChange(string Monitor, double? IntervalSeconds, long Version);

/// <summary>
/// Per-monitor interval overrides (TimerConfig, <c>config/timer_config.json</c>) for the monitors outside the cycle; a
/// monitor that runs in the cycle is refused, pointing to the cycle interval. Removing an override is always allowed.
/// </summary>
public sealed class TimerOperations(TimerConfig timers, ExpectedIntervals intervals, MonitorRegistry registry)
{
    public async Task<TimerList> ListAsync(CancellationToken cancellationToken)
    {
        var expected = await intervals.GetAsync(cancellationToken);
        var overrides = await timers.GetOverridesAsync(cancellationToken);
        var problem = timers.LastProblem;
        return new TimerList(
            timers.Path,
            [.. registry.All.Select(r => new TimerInfo(r.Name, expected[r.Name].TotalSeconds, overrides.ContainsKey(r.Name)))],
            problem);
    }

    /// <summary>Sets a monitor's interval, or with null removes its override.</summary>
    /// <summary>A number of seconds typed by a person as an interval: 1 to 604800 (a week), else refused naming <c>seconds</c>.</summary>
    public static TimeSpan Interval(double seconds) =>
        double.IsFinite(seconds) && seconds is >= 1 and <= 604_800
            ? TimeSpan.FromSeconds(seconds)
            : throw OperationException.Invalid($"seconds must be between 1 and 604800, got {seconds}.", "seconds");

    public async Task<TimerChange> SetAsync(string monitor, TimeSpan? interval, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(monitor, out var registration))
        {
            throw OperationException.NotFound(new UnknownMonitorException(monitor, [.. registry.Names]).Message, "monitor");
        }

        if (interval is not null && registration.InCycle)
        {
            // A timer on a cycle monitor would be stored and shown, and used by nothing.
            throw OperationException.Invalid(
                $"{monitor} runs in the sonic cycle, so it runs at the cycle's interval, not on a timer: change that with " +
                $"'monitorcore sonic interval 30s' (the runtime setting {RuntimeSettingCatalog.CycleInterval}, PUT /api/sonic/interval).",
                "monitor");
        }

        try
        {
            var state = await timers.SetAsync(monitor, interval, cancellationToken);
            return new TimerChange(monitor, interval?.TotalSeconds, state.Version);
        }
        catch (TimerConfigFormatException ex)
        {
            throw OperationException.Invalid(ex.Message);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw OperationException.Invalid(OperationException.MessageOf(ex), "interval");
        }
    }
}
