using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Monitors.Sources;

/// <summary>One external service: where it is and, where it takes one, its API key.</summary>
public sealed class SourceOptions
{
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "";

    public string? ApiKey { get; set; }

    /// <summary>How long one request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The <c>Sources</c> section: the external services and their base URLs.</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public SourceOptions CoinGecko { get; set; } = new() { BaseUrl = "https://api.coingecko.com" };

    public SourceOptions Yahoo { get; set; } = new() { BaseUrl = "https://query1.finance.yahoo.com" };

    public SourceOptions Jupiter { get; set; } = new() { BaseUrl = "https://perps-api.jup.ag" };

    public SourceOptions OpenAI { get; set; } = new() { BaseUrl = "https://api.openai.com" };
}
