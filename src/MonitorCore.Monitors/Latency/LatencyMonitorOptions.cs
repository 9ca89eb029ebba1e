using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Monitors.Latency;

/// <summary>One URL the latency monitor pings.</summary>
public sealed class LatencyTarget
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "use letters, digits, '_', '-' or '.'")]
    public string Name { get; set; } = "";

    [Required]
    [Url]
    public string Url { get; set; } = "";
}

/// <summary>The <c>Monitors:latency_monitor</c> section.</summary>
public sealed class LatencyMonitorOptions
{
    /// <summary>What to ping; when empty, CoinGecko's <c>/api/v3/ping</c> and Jupiter's base URL.</summary>
    public List<LatencyTarget> Targets { get; set; } = [];

    /// <summary>A target slower than this makes the run a Warning.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SlowThreshold { get; set; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>A target that has not answered after this long has failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
