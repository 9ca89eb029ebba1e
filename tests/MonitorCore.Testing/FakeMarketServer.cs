using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Testing;

/// <summary>
/// One local HTTP server speaking CoinGecko, Yahoo Finance and Jupiter Perps with the recorded
/// fixtures. Each route (a path prefix) answers from a queue of responses, the last one repeating;
/// a test swaps a route's answers to serve a bad body, an error status or a failure then a success.
/// </summary>
public sealed class FakeMarketServer : IAsyncDisposable
{
    public const string SimplePrice = "/api/v3/simple/price";
    public const string Markets = "/api/v3/coins/markets";
    public const string Ping = "/api/v3/ping";
    public const string Chart = "/v8/finance/chart/";
    public const string Positions = "/v1/positions";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _routes = new(StringComparer.Ordinal);
    private LocalHttpServer _server = null!;

    /// <summary>One answer: status, body, content type and extra headers.</summary>
    public sealed record Answer(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
    {
        public static Answer Fixture(string relative, int status = 200) =>
            new(status, Fixtures.Read(relative), relative.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/json");
    }

    public static async Task<FakeMarketServer> StartAsync()
    {
        var market = new FakeMarketServer();
        market.Serve(SimplePrice, Answer.Fixture("coingecko/simple_price.json"));
        market.Serve(Markets, Answer.Fixture("coingecko/coins_markets.json"));
        market.Serve(Ping, Answer.Fixture("coingecko/ping.json"));
        market.Serve(Chart, Answer.Fixture("yahoo/chart_gspc.json"));
        market.Serve(Positions, Answer.Fixture("jupiter/positions.json"));
        market._server = await LocalHttpServer.StartAsync(market.HandleAsync);
        return market;
    }

    public string BaseUrl => _server.BaseUri.ToString().TrimEnd('/');

    public IEnumerable<RecordedRequest> Requests => _server.Requests;

    /// <summary>Points every source of Monitor Core at this server.</summary>
    public Dictionary<string, string?> Configuration() => new()
    {
        ["Sources:CoinGecko:BaseUrl"] = BaseUrl,
        ["Sources:Yahoo:BaseUrl"] = BaseUrl,
        ["Sources:Jupiter:BaseUrl"] = BaseUrl,
    };

    /// <summary>From now on the route answers these, in order, the last one repeating.</summary>
    public void Serve(string route, params Answer[] answers) => _routes[route] = new ConcurrentQueue<Answer>(answers);

    public void ServeFixture(string route, string fixture, int status = 200) => Serve(route, Answer.Fixture(fixture, status));

    public int CountOf(string route) => _server.Requests.Count(r => r.PathAndQuery.StartsWith(route, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var route = _routes.Keys.FirstOrDefault(r => path.StartsWith(r, StringComparison.Ordinal));
        if (route is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("no such route in the fake market");
            return;
        }

        var queue = _routes[route];
        var answer = queue.Count > 1 && queue.TryDequeue(out var next) ? next : queue.TryPeek(out var last) ? last : new Answer(500, "empty route");
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
