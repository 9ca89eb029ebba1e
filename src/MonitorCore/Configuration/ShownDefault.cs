namespace MonitorCore.Configuration;

/// <summary>
/// Defaults that no options class holds as a value: a list filled in when the configuration leaves it empty (the latency
/// targets, the priced coins), a path read straight from the configuration (<c>Timers:Path</c>), the host's log levels.
/// <c>config show</c> lists them under <paramref name="Section"/>, as options are listed, wherever the configuration sets
/// nothing of its own (a list set in the configuration replaces the whole default list).
/// </summary>
/// <param name="Section">The configuration section, e.g. <c>Monitors:latency_monitor</c>.</param>
/// <param name="Value">The defaults as an object whose properties are the keys under the section.</param>
public sealed record ShownDefault(string Section, Func<IServiceProvider, object> Value);
