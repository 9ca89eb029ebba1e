using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MonitorCore.Testing;

namespace MonitorCore.Benchmarks;

/// <summary>
/// A Kestrel server on a free loopback port that plays Jupiter Perps for one wallet:
/// <c>GET /v1/positions?walletAddress=ADDRESS</c> answers a fixed body; anything else is a 404.
/// The body is made once, so the server's own cost per request is writing the bytes.
/// </summary>
internal sealed class JupiterStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _positionRequests;

    private JupiterStubServer(WebApplication app) => _app = app;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The number of position requests answered with the body.</summary>
    public int PositionRequests => Volatile.Read(ref _positionRequests);

    public static async Task<JupiterStubServer> StartAsync(string walletAddress, byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new JupiterStubServer(app);
        app.Run(async context =>
        {
            if (context.Request.Path != "/v1/positions" || context.Request.Query["walletAddress"] != walletAddress)
            {
                context.Response.StatusCode = 404;
                return;
            }

            Interlocked.Increment(ref server._positionRequests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single();
        return server;
    }

    /// <summary>A loopback URL on which nothing listens: connections are refused.</summary>
    public static string RefusedUrl() => $"http://127.0.0.1:{LoopbackPorts.Refused}/";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A seeded book of Jupiter Perps positions in the API's format (numbers as strings, as Jupiter sends them).</summary>
internal static class JupiterBook
{
    /// <summary>The markets Monitor Core knows: mint, asset and a price around which the book is made.</summary>
    public static readonly (string Mint, string Asset, double Price)[] Markets =
    [
        ("So11111111111111111111111111111111111111112", "SOL", 187.42),
        ("7vfCXTUXx5WJV5JADk17DUJ4ksgau7utNKj4b963voxs", "ETH", 3412.88),
        ("3NZ9JMVBmGAqocybic2c7LQCJScmgsAZ6vQqTDzcqmJh", "BTC", 97412.35),
    ];

    private const string UsdcMint = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>
    /// <c>{"dataList": [...]}</c> with <paramref name="count"/> positions of <paramref name="owner"/>:
    /// the three markets in turn, longs and shorts, entry within ±10 % and mark within ±3 % of the
    /// market price, leverage 1.1–50, the liquidation price where that leverage puts it, and a few
    /// with take-profit/stop-loss requests.
    /// </summary>
    public static byte[] Body(int count, string owner, int seed = 20_250_101)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("dataList");
            for (var i = 0; i < count; i++)
            {
                var (mint, _, price) = Markets[i % Markets.Length];
                var isLong = random.Next(2) == 0;
                var entry = price * (0.9 + (random.NextDouble() * 0.2));
                var mark = price * (0.97 + (random.NextDouble() * 0.06));
                var leverage = 1.1 + (random.NextDouble() * 48.9);
                var collateral = 10 + (random.NextDouble() * 10_000);
                var size = collateral * leverage;
                var band = 0.9 / leverage;
                var liquidation = isLong ? entry * (1 - band) : entry * (1 + band);
                var move = (mark - entry) / entry * (isLong ? 1 : -1);
                var fees = size * 0.0012;
                var pnlBefore = size * move;
                var created = 1_763_800_000 + random.Next(250_000);

                json.WriteStartObject();
                json.WriteString("positionPubkey", Pubkey(random));
                json.WriteString("owner", owner);
                json.WriteString("marketMint", mint);
                json.WriteString("collateralMint", isLong ? mint : UsdcMint);
                json.WriteString("side", isLong ? "long" : "short");
                json.WriteString("entryPrice", Text(entry, 4));
                json.WriteString("markPrice", Text(mark, 4));
                json.WriteString("liquidationPrice", Text(liquidation, 4));
                json.WriteString("size", Text(size, 2));
                json.WriteString("sizeTokenAmount", Text(size / entry, 6));
                json.WriteString("collateral", Text(collateral, 3));
                json.WriteString("collateralUsd", Text(collateral, 3));
                json.WriteString("leverage", Text(leverage, 2));
                json.WriteString("value", Text(collateral + pnlBefore, 2));
                json.WriteString("pnlAfterFeesUsd", Text(pnlBefore - fees, 3));
                json.WriteString("pnlBeforeFeesUsd", Text(pnlBefore, 3));
                json.WriteString("pnlChangePctAfterFees", Text((pnlBefore - fees) / collateral * 100, 2));
                json.WriteString("openFeesUsd", Text(size * 0.0006, 3));
                json.WriteString("borrowFeesUsd", Text(size * 0.0006, 3));
                json.WriteString("totalFeesUsd", Text(fees, 3));
                json.WriteNumber("createdTime", created);
                json.WriteNumber("updatedTime", created + random.Next(100_000));
                json.WriteStartArray("tpslRequests");
                if (i % 7 == 0)
                {
                    json.WriteStartObject();
                    json.WriteString("requestType", "sl");
                    json.WriteString("triggerPrice", Text(isLong ? entry * (1 - (band / 2)) : entry * (1 + (band / 2)), 2));
                    json.WriteString("sizeUsdDelta", Text(size, 2));
                    json.WriteBoolean("entirePosition", true);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string Text(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Pubkey(Random random) =>
        string.Create(44, random, static (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base58[r.Next(Base58.Length)];
            }
        });
}
