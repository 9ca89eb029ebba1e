using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.SelfTest;

namespace MonitorCore.Monitors.Sources;

/// <summary>
/// A feed answering, for the self-test (optional: a feed that is down is a Warning; <c>price_monitor</c>
/// and <c>latency_monitor</c> report it in their own rows too). CoinGecko at <c>/api/v3/ping</c> (with its
/// API key when one is set: a refused key fails) and Yahoo at the chart of <c>^GSPC</c> must answer 2xx;
/// Jupiter's base URL (it has no resource of its own) must answer anything but 5xx, 429, 401 or 403.
/// In demo mode the demo market answers, as it does for the monitors.
/// </summary>
internal sealed class FeedCheck(
    string name, Func<SourcesOptions, SourceOptions> source, string path, bool anyAnswer,
    IHttpClientFactory httpClients, IOptions<SourcesOptions> sources, MonitorCore.Monitoring.MarketMode mode) : ISelfCheck
{
    public string Name => name;

    public bool Required => false;

    public string? NotConfiguredReason => null;

    /// <summary>The feeds checked, by name.</summary>
    public static readonly IReadOnlyList<string> Feeds = [CoinGeckoClient.Name, YahooClient.Name, JupiterClient.Name];

    public static FeedCheck Create(IServiceProvider services, string feed)
    {
        var httpClients = services.GetRequiredService<IHttpClientFactory>();
        var sources = services.GetRequiredService<IOptions<SourcesOptions>>();
        var mode = services.GetRequiredService<MonitorCore.Monitoring.MarketMode>();
        return feed switch
        {
            CoinGeckoClient.Name => new(feed, s => s.CoinGecko, "/api/v3/ping", false, httpClients, sources, mode),
            YahooClient.Name => new(feed, s => s.Yahoo, "/v8/finance/chart/%5EGSPC?interval=1d&range=1d", false, httpClients, sources, mode),
            _ => new(feed, s => s.Jupiter, "/", true, httpClients, sources, mode),
        };
    }

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = source(sources.Value);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (name == CoinGeckoClient.Name && settings.ApiKey is { Length: > 0 } key)
        {
            headers[settings.ApiKeyHeader ?? "x-cg-demo-api-key"] = key;
        }

        var (answer, failure) = await ServiceCheckHttp.GetAsync(
            httpClients.CreateClient(ServiceCheckHttp.HttpClientName), settings.BaseUrl.TrimEnd('/') + path, headers, cancellationToken);
        if (answer is null)
        {
            return SelfCheckOutcome.Fail(failure!);
        }

        var demo = mode.Demo ? " (demo market)" : "";
        return answer.Status switch
        {
            >= 200 and < 300 => SelfCheckOutcome.Pass($"answered HTTP {answer.Status}{demo}"),
            401 or 403 => SelfCheckOutcome.Fail($"HTTP {answer.Status}: access refused" + (headers.Count > 0 ? " (check the API key)" : "")),
            429 => SelfCheckOutcome.Fail("HTTP 429: rate limited"),
            >= 500 => SelfCheckOutcome.Fail($"HTTP {answer.Status}: server error ({FeedHttp.Excerpt(answer.Body)})"),
            _ when anyAnswer => SelfCheckOutcome.Pass($"answered HTTP {answer.Status}{demo}"),
            _ => SelfCheckOutcome.Fail($"HTTP {answer.Status} ({FeedHttp.Excerpt(answer.Body)})"),
        };
    }
}
