using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Monitors.Sources;

/// <summary>One external service: where it is and, where it takes one, its API key.</summary>
public sealed class SourceOptions
{
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "";

    public string? ApiKey { get; set; }

    /// <summary>The header that carries the API key (CoinGecko: <c>x-cg-demo-api-key</c> or <c>x-cg-pro-api-key</c>).</summary>
    public string? ApiKeyHeader { get; set; }

    /// <summary>How long one request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Where market data comes from: the real services, or the in-process demo market.</summary>
public enum SourceMode
{
    Live,
    Demo,
}

/// <summary>How calls to the services are retried and when a dead service stops being called.</summary>
public sealed class ResilienceSettings
{
    /// <summary>Retries after a timeout, a 5xx or a 429 (never after another 4xx), with exponential backoff and jitter; Retry-After is honoured.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed calls, over at least <see cref="BreakerMinimumThroughput"/> calls, that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>How long an open breaker stops calls to the service.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The <c>Sources</c> section: the external services and their base URLs.</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    /// <summary><c>Live</c> calls the services; <c>Demo</c> answers from an in-process market (no network).</summary>
    public SourceMode Mode { get; set; } = SourceMode.Live;

    public ResilienceSettings Resilience { get; set; } = new();

    public SourceOptions CoinGecko { get; set; } = new() { BaseUrl = "https://api.coingecko.com" };

    public SourceOptions Yahoo { get; set; } = new() { BaseUrl = "https://query1.finance.yahoo.com" };

    public SourceOptions Jupiter { get; set; } = new() { BaseUrl = "https://perps-api.jup.ag" };

    public SourceOptions OpenAI { get; set; } = new() { BaseUrl = "https://api.openai.com" };
}
