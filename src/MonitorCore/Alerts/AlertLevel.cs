using System.Text.Json.Serialization;

namespace MonitorCore.Alerts;

/// <summary>How loud an alert is. Crossing a threshold's <c>low</c> gives Low, <c>medium</c> Medium, <c>high</c> High.</summary>
public enum AlertLevel
{
    [JsonStringEnumMemberName("LOW")]
    Low = 1,
    [JsonStringEnumMemberName("MEDIUM")]
    Medium = 2,
    [JsonStringEnumMemberName("HIGH")]
    High = 3,
}
