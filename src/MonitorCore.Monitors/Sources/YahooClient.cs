using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MonitorCore.Monitors.Sources;

/// <summary>A Yahoo Finance quote as sent; the caller validates it.</summary>
public sealed record YahooQuote(double Price, double? DayHigh, double? DayLow, double? PreviousClose, DateTimeOffset? Time);

/// <summary>Yahoo Finance chart API: <c>/v8/finance/chart/{symbol}</c>, price at <c>chart.result[0].meta.regularMarketPrice</c>.</summary>
public sealed class YahooClient(IHttpClientFactory httpClients, IOptions<SourcesOptions> sources)
{
    public const string Name = "yahoo";

    public async Task<YahooQuote> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        var url = $"{sources.Value.Yahoo.BaseUrl.TrimEnd('/')}/v8/finance/chart/{Uri.EscapeDataString(symbol)}?interval=1d&range=1d";
        var root = await FeedHttp.GetJsonAsync(httpClients.CreateClient(Name), url, Name, cancellationToken);
        var chart = root["chart"] as JsonObject ?? throw new FeedException(Name, "unexpected shape: no 'chart' object");
        if (chart["error"] is JsonObject error)
        {
            throw new FeedException(Name, $"{error["code"]}: {error["description"]}");
        }

        var meta = (chart["result"] as JsonArray)?.FirstOrDefault()?["meta"] as JsonObject
            ?? throw new FeedException(Name, $"unexpected shape: no chart.result[0].meta for {symbol}");
        DateTimeOffset? time = meta["regularMarketTime"] is JsonValue t && t.TryGetValue<long>(out var unix)
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;
        return new YahooQuote(
            FeedHttp.Number(meta["regularMarketPrice"]),
            FeedHttp.OptionalNumber(meta["regularMarketDayHigh"]),
            FeedHttp.OptionalNumber(meta["regularMarketDayLow"]),
            FeedHttp.OptionalNumber(meta["chartPreviousClose"] ?? meta["previousClose"]),
            time);
    }
}
