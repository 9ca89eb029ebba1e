using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MonitorCore.Monitors.Sources;

/// <summary>A CoinGecko price as sent; the caller validates it.</summary>
public sealed record CoinGeckoQuote(double Price, double? Change24hPct, DateTimeOffset? LastUpdated);

/// <summary>A CoinGecko 24-hour range as sent.</summary>
public sealed record CoinGeckoMarket(double? High24h, double? Low24h);

/// <summary>CoinGecko API v3: <c>/api/v3/simple/price</c> and <c>/api/v3/coins/markets</c>.</summary>
public sealed class CoinGeckoClient(IHttpClientFactory httpClients, IOptions<SourcesOptions> sources)
{
    public const string Name = "coingecko";

    /// <summary>The prices of the coins that came back, by CoinGecko id; an id that did not come back is absent.</summary>
    public async Task<IReadOnlyDictionary<string, CoinGeckoQuote>> GetSimplePricesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var url = $"{Base}/api/v3/simple/price?ids={Uri.EscapeDataString(string.Join(',', ids))}&vs_currencies=usd" +
                  "&include_24hr_change=true&include_last_updated_at=true";
        var root = await FeedHttp.GetJsonAsync(Client(), url, Name, cancellationToken) as JsonObject
            ?? throw new FeedException(Name, "unexpected shape: the answer is not a JSON object of coins");

        var quotes = new Dictionary<string, CoinGeckoQuote>(StringComparer.Ordinal);
        foreach (var (id, value) in root)
        {
            if (value is not JsonObject coin || !coin.ContainsKey("usd"))
            {
                throw new FeedException(Name, $"unexpected shape: '{id}' is not a coin with a 'usd' price", null, FeedHttp.Excerpt(root.ToJsonString()));
            }

            DateTimeOffset? updated = coin["last_updated_at"] is JsonValue t && t.TryGetValue<long>(out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : null;
            quotes[id] = new CoinGeckoQuote(FeedHttp.Number(coin["usd"]), FeedHttp.OptionalNumber(coin["usd_24h_change"]), updated);
        }

        return quotes;
    }

    /// <summary>The 24-hour high and low of each coin, by CoinGecko id.</summary>
    public async Task<IReadOnlyDictionary<string, CoinGeckoMarket>> GetMarketsAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var url = $"{Base}/api/v3/coins/markets?vs_currency=usd&ids={Uri.EscapeDataString(string.Join(',', ids))}";
        var root = await FeedHttp.GetJsonAsync(Client(), url, Name, cancellationToken) as JsonArray
            ?? throw new FeedException(Name, "unexpected shape: coins/markets is not a JSON array");
        var markets = new Dictionary<string, CoinGeckoMarket>(StringComparer.Ordinal);
        foreach (var item in root.OfType<JsonObject>())
        {
            if (item["id"] is JsonValue id && id.TryGetValue<string>(out var key))
            {
                markets[key] = new CoinGeckoMarket(FeedHttp.OptionalNumber(item["high_24h"]), FeedHttp.OptionalNumber(item["low_24h"]));
            }
        }

        return markets;
    }

    private string Base => sources.Value.CoinGecko.BaseUrl.TrimEnd('/');

    private HttpClient Client()
    {
        var client = httpClients.CreateClient(Name);
        if (sources.Value.CoinGecko.ApiKey is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Add(sources.Value.CoinGecko.ApiKeyHeader ?? "x-cg-demo-api-key", key);
        }

        return client;
    }
}
