using System.Text.RegularExpressions;

namespace MonitorCore.Monitoring;

/// <summary>
/// How a monitor is known to the registry: its key, how to build it, how often it is expected
/// to run and how long a run may take. Kept apart from the implementation so that a plugin adds a
/// monitor by adding a registration, without touching the registry.
/// </summary>
public sealed partial record MonitorRegistration
{
    public MonitorRegistration(string name, Func<IServiceProvider, IMonitor> factory)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Monitor name '{name}' is not valid: use lower-case letters, digits and '_', starting with a letter.",
                nameof(name));
        }

        Name = name;
        Factory = factory;
    }

    /// <summary>The registry key, as users see it (<c>price_monitor</c>).</summary>
    public string Name { get; }

    /// <summary>Builds the monitor inside the run's scope.</summary>
    public Func<IServiceProvider, IMonitor> Factory { get; }

    /// <summary>The interval the monitor is expected to run at, used for health (age).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A run longer than this is cancelled and recorded as an Error with <c>error: "timeout"</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs in every sonic cycle (its expected interval is the cycle interval).</summary>
    public bool InCycle { get; init; }

    /// <summary>Run-all order; lower runs first, ties keep registration order.</summary>
    public int Order { get; init; } = 1000;

    public string Description { get; init; } = "";

    /// <summary>Where the monitor comes from: <c>built-in</c>, <c>manifest (http)</c>, or <c>plugin NAME VERSION</c>.</summary>
    public string Origin { get; init; } = "built-in";

    /// <summary>
    /// A timer monitor that runs as soon as the service leads (at its start, or when a standby takes over),
    /// whatever its last run (the power-on self-test), then on its interval; other timer monitors that ran
    /// recently wait out the rest of their interval.
    /// </summary>
    public bool RunsAtStart { get; init; }

    /// <summary>A <c>system_vars</c> switch; when it is off the run is recorded as Disabled without running.</summary>
    public Settings.SystemVarKey<bool>? Toggle { get; init; }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
