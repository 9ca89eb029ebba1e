using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace MonitorCore.Monitors.Demo;

/// <summary>
/// Answers HTTP requests the way CoinGecko, Yahoo Finance and Jupiter would, from the demo market,
/// so that demo mode runs the real clients, parsing and validation, and never touches the network.
/// </summary>
internal sealed class DemoMarketHandler(DemoMarket market) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = HttpUtility.ParseQueryString(uri.Query);
        var path = uri.AbsolutePath;
        JsonNode body = path switch
        {
            _ when path.EndsWith("/api/v3/simple/price", StringComparison.Ordinal) => SimplePrice(query["ids"]),
            _ when path.EndsWith("/api/v3/coins/markets", StringComparison.Ordinal) => Markets(query["ids"]),
            _ when path.EndsWith("/api/v3/ping", StringComparison.Ordinal) => new JsonObject { ["gecko_says"] = "(V3) To the Moon! (demo)" },
            _ when path.Contains("/v8/finance/chart/", StringComparison.Ordinal) => Chart(Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..])),
            _ when path.EndsWith("/v1/positions", StringComparison.Ordinal) => Positions(query["walletAddress"]),
            _ => new JsonObject { ["demo"] = true },
        };
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return Task.FromResult(response);
    }

    private JsonObject SimplePrice(string? ids)
    {
        var result = new JsonObject();
        foreach (var id in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (DemoMarket.BySourceId(id) is { } asset)
            {
                var price = market.Price(asset);
                var dayAgo = DemoMarket.PriceAt(asset, market.Now.AddDays(-1));
                result[id] = new JsonObject
                {
                    ["usd"] = price,
                    ["usd_24h_change"] = Math.Round((price - dayAgo) / dayAgo * 100, 6),
                    ["last_updated_at"] = market.Now.ToUnixTimeSeconds(),
                };
            }
        }

        return result;
    }

    private JsonArray Markets(string? ids)
    {
        var result = new JsonArray();
        foreach (var id in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (DemoMarket.BySourceId(id) is { } asset)
            {
                var (high, low) = market.Range24h(asset);
                result.Add(new JsonObject
                {
                    ["id"] = id,
                    ["symbol"] = asset.Symbol.ToLowerInvariant(),
                    ["current_price"] = market.Price(asset),
                    ["high_24h"] = high,
                    ["low_24h"] = low,
                });
            }
        }

        return result;
    }

    private JsonObject Chart(string symbol)
    {
        if (DemoMarket.BySourceId(symbol) is not { } asset)
        {
            return new JsonObject { ["chart"] = new JsonObject { ["result"] = null, ["error"] = new JsonObject { ["code"] = "Not Found", ["description"] = "No data found (demo)" } } };
        }

        var (high, low) = market.Range24h(asset);
        var meta = new JsonObject
        {
            ["currency"] = "USD",
            ["symbol"] = symbol,
            ["regularMarketPrice"] = market.Price(asset),
            ["regularMarketDayHigh"] = high,
            ["regularMarketDayLow"] = low,
            ["chartPreviousClose"] = DemoMarket.PriceAt(asset, market.Now.AddDays(-1)),
            ["regularMarketTime"] = market.Now.ToUnixTimeSeconds(),
        };
        return new JsonObject { ["chart"] = new JsonObject { ["result"] = new JsonArray(new JsonObject { ["meta"] = meta }), ["error"] = null } };
    }

    private JsonObject Positions(string? wallet)
    {
        var items = new JsonArray();
        if (wallet == DemoMarket.WalletAddress)
        {
            foreach (var p in DemoMarket.Positions)
            {
                var mark = market.Price(DemoMarket.Assets.Single(a => a.Symbol == p.Symbol));
                var tokens = p.Size / p.Entry;
                var pnl = (p.Long ? mark - p.Entry : p.Entry - mark) * tokens;
                items.Add(new JsonObject
                {
                    ["positionPubkey"] = p.Id,
                    ["owner"] = wallet,
                    ["marketMint"] = p.Mint,
                    ["side"] = p.Long ? "long" : "short",
                    ["entryPrice"] = DemoMarket.Format(p.Entry),
                    ["markPrice"] = DemoMarket.Format(mark),
                    ["liquidationPrice"] = DemoMarket.Format(p.Liquidation),
                    ["size"] = DemoMarket.Format(p.Size),
                    ["collateral"] = DemoMarket.Format(p.Collateral),
                    ["leverage"] = DemoMarket.Format(Math.Round(p.Size / p.Collateral, 2)),
                    ["value"] = DemoMarket.Format(Math.Round(p.Collateral + pnl, 2)),
                    ["pnlAfterFeesUsd"] = DemoMarket.Format(Math.Round(pnl - 1.5, 2)),
                    ["updatedTime"] = market.Now.ToUnixTimeSeconds(),
                });
            }
        }

        return new JsonObject { ["dataList"] = items, ["count"] = items.Count };
    }
}
