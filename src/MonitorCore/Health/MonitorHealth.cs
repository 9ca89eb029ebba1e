namespace MonitorCore.Health;

/// <summary>The health badge of a monitor, derived from its newest ledger row and its age.</summary>
public enum MonitorHealth
{
    Healthy,
    Warning,
    Error,
    Offline,
}
