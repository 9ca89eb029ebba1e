namespace MonitorCore.Monitoring;

/// <summary>What a monitor knows about the run it is part of.</summary>
/// <param name="Name">The monitor's registry key, e.g. <c>latency_monitor</c>.</param>
/// <param name="CycleId">The cycle this run belongs to, or null outside a cycle.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Services">The run's own dependency-injection scope.</param>
public sealed record MonitorContext(
    string Name,
    string? CycleId,
    DateTimeOffset StartedAt,
    IServiceProvider Services);
