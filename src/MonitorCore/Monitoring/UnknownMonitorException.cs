namespace MonitorCore.Monitoring;

/// <summary>A monitor key that is not in the registry. The message lists the known keys.</summary>
public sealed class UnknownMonitorException(string name, IReadOnlyList<string> known)
    : Exception($"Unknown monitor '{name}'. Known monitors: {string.Join(", ", known)}.")
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Known { get; } = known;
}
