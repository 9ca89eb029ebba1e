namespace MonitorCore.Alerts;

/// <summary>How loud an alert is. Crossing a threshold's <c>low</c> gives Low, <c>medium</c> Medium, <c>high</c> High.</summary>
public enum AlertLevel
{
    Low = 1,
    Medium = 2,
    High = 3,
}
