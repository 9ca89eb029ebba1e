namespace MonitorCore.Testing;

/// <summary>
/// Settings that keep a test off the internet: every external service points at a loopback port
/// nobody listens on (connections are refused at once) and failed calls are not retried, so no
/// retry waits on a fake clock.
/// </summary>
public static class OfflineSources
{
    public static Dictionary<string, string?> Settings()
    {
        var refused = LocalHttpServer.RefusedUrl();
        return new Dictionary<string, string?>
        {
            ["Sources:CoinGecko:BaseUrl"] = refused,
            ["Sources:Yahoo:BaseUrl"] = refused,
            ["Sources:Jupiter:BaseUrl"] = refused,
            ["Sources:OpenAI:BaseUrl"] = refused,
            ["Sources:Resilience:MaxRetryAttempts"] = "0",
            ["Sources:Resilience:RetryBaseDelay"] = "00:00:00",
        };
    }

    /// <summary>The same, as <c>MONITORCORE_*</c> environment variables.</summary>
    public static Dictionary<string, string?> Environment() =>
        Settings().ToDictionary(p => "MONITORCORE_" + p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
}
