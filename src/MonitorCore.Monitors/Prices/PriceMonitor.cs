using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Sources;
using MonitorCore.Prices;

namespace MonitorCore.Monitors.Prices;

/// <summary>
/// <c>price_monitor</c>: CoinGecko for the coins, Yahoo Finance for the indexes, both at once. Every
/// price is checked (positive, finite, not absurd: within <c>MaxPrice</c> and within
/// <c>MaxMovePercent</c> of the last stored price) and the good ones are stored with their source.
/// A failing source does not block the other: Warning naming what is missing; Error only when
/// nothing came back. A rejected price is named and never stored.
/// </summary>
internal sealed class PriceMonitor(
    CoinGeckoClient coinGecko,
    YahooClient yahoo,
    IPriceStore prices,
    IOptionsSnapshot<PriceMonitorOptions> options,
    MarketMode mode,
    TimeProvider time) : IMonitor
{
    public const string Name = "price_monitor";

    private sealed record Candidate(string Symbol, string Source, double Price, double? High, double? Low, double? ChangePct);

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        // The two sources run at once, each reporting into its own object (a JsonObject is not thread-safe);
        // the reports are merged once both are done, so every run names every source.
        var coinSources = new JsonObject();
        var indexSources = new JsonObject();
        var coins = FetchCoinsAsync(settings.EffectiveAssets, coinSources, cancellationToken);
        var indexes = FetchIndexesAsync(settings.EffectiveIndexes, indexSources, cancellationToken);
        var candidates = (await coins).Concat(await indexes).ToList();
        var sources = new JsonObject();
        foreach (var (name, value) in coinSources.Concat(indexSources).ToList())
        {
            sources[name] = value?.DeepClone();
        }

        var last = await prices.GetLatestAllAsync(cancellationToken);
        var now = time.GetUtcNow();
        var accepted = new List<PriceQuote>();
        var rejected = new JsonArray();
        foreach (var candidate in candidates)
        {
            if (Reject(candidate, last.GetValueOrDefault(candidate.Symbol), settings) is { } reason)
            {
                rejected.Add(new JsonObject { ["asset"] = candidate.Symbol, ["price"] = Json(candidate.Price), ["reason"] = reason });
                continue;
            }

            accepted.Add(new PriceQuote(candidate.Symbol, candidate.Price, mode.Demo ? "demo" : candidate.Source, now)
            {
                High24h = Valid(candidate.High),
                Low24h = Valid(candidate.High) is null ? null : Valid(candidate.Low),
                Change24hPct = candidate.ChangePct is { } c && double.IsFinite(c) ? Math.Round(c, 4) : null,
            });
        }

        await prices.AddAsync(accepted, cancellationToken);

        var expected = settings.EffectiveAssets.Select(a => a.Symbol).Concat(settings.EffectiveIndexes.Select(i => i.Symbol));
        var missing = expected.Except(accepted.Select(q => q.AssetType)).ToList();
        var assets = new JsonObject();
        foreach (var quote in accepted)
        {
            assets[quote.AssetType] = quote.CurrentPrice;
        }

        var metadata = new JsonObject
        {
            ["fetched"] = accepted.Count,
            ["assets"] = assets,
            ["rejected"] = rejected,
            ["missing"] = new JsonArray([.. missing.Select(m => JsonValue.Create(m))]),
            ["sources"] = sources,
            ["mode"] = mode.Label,
        };
        if (accepted.Count == 0)
        {
            return MonitorResult.Error($"no price came back: {Problems(sources, rejected)}", metadata);
        }

        return missing.Count > 0
            ? MonitorResult.Warning($"missing: {string.Join(", ", missing)} ({Problems(sources, rejected)})", metadata)
            : MonitorResult.Success(metadata);
    }

    private async Task<List<Candidate>> FetchCoinsAsync(IReadOnlyList<CryptoAsset> assets, JsonObject sources, CancellationToken cancellationToken)
    {
        var ids = assets.Select(a => a.CoinGeckoId).ToList();
        try
        {
            var quotes = await coinGecko.GetSimplePricesAsync(ids, cancellationToken);
            var notAnswered = assets.Where(a => !quotes.ContainsKey(a.CoinGeckoId)).Select(a => a.Symbol).ToList();
            sources["coingecko"] = notAnswered.Count == 0 ? "ok" : $"ok, but no price for {string.Join(", ", notAnswered)}";
            IReadOnlyDictionary<string, CoinGeckoMarket> markets = new Dictionary<string, CoinGeckoMarket>();
            try
            {
                markets = await coinGecko.GetMarketsAsync(ids, cancellationToken);
                sources["coingecko_markets"] = "ok";
            }
            catch (FeedException ex)
            {
                sources["coingecko_markets"] = ex.ToJson();
            }

            return [.. assets.Where(a => quotes.ContainsKey(a.CoinGeckoId)).Select(a =>
            {
                var quote = quotes[a.CoinGeckoId];
                var market = markets.GetValueOrDefault(a.CoinGeckoId);
                return new Candidate(a.Symbol, CoinGeckoClient.Name, quote.Price, market?.High24h, market?.Low24h, quote.Change24hPct);
            })];
        }
        catch (FeedException ex)
        {
            sources["coingecko"] = ex.ToJson();
            return [];
        }
    }

    private async Task<List<Candidate>> FetchIndexesAsync(IReadOnlyList<IndexAsset> indexes, JsonObject sources, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        var errors = new JsonObject();
        foreach (var index in indexes)
        {
            try
            {
                var quote = await yahoo.GetQuoteAsync(index.YahooSymbol, cancellationToken);
                double? change = quote.PreviousClose is { } previous && previous > 0 ? (quote.Price - previous) / previous * 100 : null;
                candidates.Add(new Candidate(index.Symbol, YahooClient.Name, quote.Price, quote.DayHigh, quote.DayLow, change));
            }
            catch (FeedException ex)
            {
                errors[index.Symbol] = ex.ToJson();
            }
        }

        sources["yahoo"] = errors.Count == 0 ? "ok" : errors.Count == 1 ? errors.Single().Value!.DeepClone() : errors;
        return candidates;
    }

    /// <summary>Why a price is not stored, or null when it is good.</summary>
    private static string? Reject(Candidate candidate, PriceQuote? last, PriceMonitorOptions settings)
    {
        var price = candidate.Price;
        if (double.IsNaN(price))
        {
            return "not a number";
        }

        if (price <= 0)
        {
            return "not positive";
        }

        if (!double.IsFinite(price) || price > settings.MaxPrice)
        {
            return $"absurd: above the {settings.MaxPrice:G} ceiling";
        }

        if (last is not null)
        {
            var move = (price - last.CurrentPrice) / last.CurrentPrice * 100;
            if (Math.Abs(move) > settings.MaxMovePercent)
            {
                return $"absurd: {move:+0.#;-0.#} % from the last stored {last.CurrentPrice:G} (limit {settings.MaxMovePercent:G} %)";
            }
        }

        return null;
    }

    private static string Problems(JsonObject sources, JsonArray rejected)
    {
        var parts = sources
            .Where(s => s.Value is JsonObject)
            .Select(s => ((JsonObject)s.Value!)["error"] is { } error ? $"{s.Key}: {error}" : s.Key)
            .Concat(sources.Where(s => s.Value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith("ok, but", StringComparison.Ordinal))
                .Select(s => $"{s.Key}: {s.Value}"))
            .Concat(rejected.Select(r => $"{r!["asset"]} rejected: {r["reason"]}"))
            .ToList();
        return parts.Count == 0 ? "no details" : string.Join("; ", parts);
    }

    private static double? Valid(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    private static JsonValue Json(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
