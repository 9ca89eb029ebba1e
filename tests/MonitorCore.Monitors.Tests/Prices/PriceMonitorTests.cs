using Microsoft.AspNetCore.Http;
using MonitorCore.Data.Repositories;
using MonitorCore.Monitoring;
using MonitorCore.Prices;
using static MonitorCore.Testing.FakeMarketServer;

namespace MonitorCore.Monitors.Tests.Prices;

public sealed class PriceMonitorTests : IAsyncLifetime
{
    private const string Name = "price_monitor";
    private FakeMarketServer _market = null!;
    private TestHost _harness = null!;

    public async Task InitializeAsync()
    {
        _market = await FakeMarketServer.StartAsync();
        _harness = await TestHost.StartAsync(_market.Configuration());
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _market.DisposeAsync();
    }

    private IPriceStore Prices => _harness.Get<IPriceStore>();

    [Fact]
    public async Task Stores_btc_eth_sol_and_spx_with_their_sources_and_ranges()
    {
        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal(4, (int)run.Metadata["fetched"]!);
        var latest = await Prices.GetLatestAllAsync(default);
        Assert.Equal(
            [("BTC", 97412.35, "coingecko"), ("ETH", 3412.88, "coingecko"), ("SOL", 187.42, "coingecko"), ("SPX", 6705.12, "yahoo")],
            latest.Values.Select(q => (q.AssetType, q.CurrentPrice, q.Source)));
        Assert.Equal((189.9, 178.05), (latest["SOL"].High24h!.Value, latest["SOL"].Low24h!.Value));
        Assert.Equal(4.1120, latest["SOL"].Change24hPct!.Value, 3);
        Assert.Equal((6722.5, 6610.44), (latest["SPX"].High24h!.Value, latest["SPX"].Low24h!.Value));
        Assert.Equal("live", (string?)run.Metadata["mode"]);
        Assert.Equal(_harness.Time.GetUtcNow(), latest["BTC"].LastUpdateTime);
        Assert.Contains(_market.Requests, r => r.PathAndQuery.Contains("ids=bitcoin%2Cethereum%2Csolana", StringComparison.Ordinal));
        Assert.Contains(_market.Requests, r => r.PathAndQuery.StartsWith("/v8/finance/chart/%5EGSPC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partial_answer_is_a_warning_naming_the_missing_asset()
    {
        _market.ServeFixture(SimplePrice, "coingecko/simple_price_partial.json");

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.StartsWith("missing: ETH", (string?)run.Metadata["warning"], StringComparison.Ordinal);
        Assert.Equal(["ETH"], run.Metadata["missing"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(["BTC", "SOL", "SPX"], (await Prices.GetLatestAllAsync(default)).Keys.Order());
    }

    public static TheoryData<string, int, string> BadAnswers => new()
    {
        { "bad/truncated.json", 200, "malformed JSON" },
        { "bad/html_error_502.html", 502, "HTTP 502" },
        { "bad/wrong_shape.json", 200, "unexpected shape" },
        { "coingecko/rate_limited_429.json", 429, "rate limited (HTTP 429)" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_is_named_and_the_stored_coin_prices_are_unchanged(string fixture, int status, string problem)
    {
        await _harness.RunAsync(Name);
        var before = await Prices.GetLatestAllAsync(default);
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        _market.ServeFixture(SimplePrice, fixture, status);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status); // SPX still came from Yahoo
        var coingecko = run.Metadata["sources"]!["coingecko"]!;
        Assert.Contains(problem, (string?)coingecko["error"], StringComparison.Ordinal);
        Assert.Contains("coingecko", (string?)run.Metadata["warning"], StringComparison.Ordinal);
        if (status != 200)
        {
            Assert.Equal(status, (int?)coingecko["http_status"]);
            Assert.False(string.IsNullOrEmpty((string?)coingecko["body"]));
        }

        var after = await Prices.GetLatestAllAsync(default);
        foreach (var coin in new[] { "BTC", "ETH", "SOL" })
        {
            Assert.Equal(before[coin], after[coin]);
        }
    }

    [Fact]
    public async Task Absurd_prices_are_rejected_by_name_and_never_stored()
    {
        _market.ServeFixture(SimplePrice, "bad/absurd_prices.json");
        _market.ServeFixture(Chart, "yahoo/chart_not_found.json", 404);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        var rejected = run.Metadata["rejected"]!.AsArray().ToDictionary(r => (string)r!["asset"]!, r => (string)r!["reason"]!);
        Assert.Equal("not positive", rejected["BTC"]);
        Assert.Equal("not a number", rejected["ETH"]);
        Assert.StartsWith("absurd", rejected["SOL"], StringComparison.Ordinal);
        Assert.Contains("no price came back", (string?)run.Metadata["error"], StringComparison.Ordinal);
        Assert.Contains("Not Found", run.Metadata["sources"]!["yahoo"]!["body"]!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await Prices.GetLatestAllAsync(default));
    }

    [Fact]
    public async Task A_move_beyond_the_limit_from_the_last_stored_price_is_rejected()
    {
        await Prices.AddAsync([new PriceQuote("BTC", 50_000, "coingecko", _harness.Time.GetUtcNow().AddMinutes(-1))], default);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        var btc = Assert.Single(run.Metadata["rejected"]!.AsArray());
        Assert.Equal("BTC", (string?)btc!["asset"]);
        Assert.Contains("+94.8 % from the last stored 50000", (string?)btc["reason"], StringComparison.Ordinal);
        Assert.Equal(50_000, (await Prices.GetLatestAsync("BTC", default))!.CurrentPrice);
    }

    [Fact]
    public async Task A_failure_of_every_source_is_an_error_and_stores_nothing()
    {
        _market.Serve(SimplePrice, new Answer(503, "down", "text/plain"));
        _market.ServeFixture(Chart, "bad/html_error_502.html", 502);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        Assert.Contains("coingecko: HTTP 503", (string?)run.Metadata["error"], StringComparison.Ordinal);
        Assert.Contains("yahoo: HTTP 502", (string?)run.Metadata["error"], StringComparison.Ordinal);
        Assert.Empty(await Prices.GetLatestAllAsync(default));
    }

    [Fact]
    public async Task A_5xx_is_retried_and_a_4xx_is_not()
    {
        _market.Serve(SimplePrice, new Answer(502, "bad gateway", "text/plain"), Answer.Fixture("coingecko/simple_price.json"));
        _market.Serve(Chart, Answer.Fixture("yahoo/chart_not_found.json", 404));

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.Equal(3, (int)run.Metadata["fetched"]!);
        Assert.Equal(2, _market.CountOf(SimplePrice));
        Assert.Equal(1, _market.CountOf(Chart));
    }

    [Fact]
    public async Task Markets_failing_keeps_the_prices_without_their_range()
    {
        _market.Serve(Markets, new Answer(500, "oops", "text/plain"));

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal(500, (int?)run.Metadata["sources"]!["coingecko_markets"]!["http_status"]);
        Assert.Null((await Prices.GetLatestAsync("BTC", default))!.High24h);
    }

    [Fact]
    public async Task Configured_assets_replace_the_defaults()
    {
        await using var harness = await TestHost.StartAsync(new Dictionary<string, string?>(_market.Configuration())
        {
            ["Monitors:price_monitor:Assets:0:Symbol"] = "SOL",
            ["Monitors:price_monitor:Assets:0:CoinGeckoId"] = "solana",
        });

        var run = await harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal(["SOL", "SPX"], (await harness.Get<IPriceStore>().GetLatestAllAsync(default)).Keys.Order());
    }

    [Fact]
    public async Task Every_run_names_every_source_though_the_sources_report_at_once()
    {
        // Both services answer at the same moment (each request waits for the other), failing, so that both
        // reports are written at once: each run must still name both.
        var arrived = 0;
        var together = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref arrived) % 2 == 0)
            {
                Interlocked.Exchange(ref together, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
            }
            else
            {
                await Volatile.Read(ref together).Task.WaitAsync(TimeSpan.FromSeconds(10));
            }

            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("down");
        });
        var settings = OfflineSources.Settings();
        settings["Sources:CoinGecko:BaseUrl"] = server.BaseUri.ToString();
        settings["Sources:Yahoo:BaseUrl"] = server.BaseUri.ToString();
        await using var harness = await TestHost.StartAsync(settings);

        for (var i = 0; i < 50; i++)
        {
            var sources = (await harness.RunAsync(Name)).Metadata["sources"]!.AsObject();
            Assert.Equal(["coingecko", "yahoo"], sources.Select(s => s.Key).Order());
        }
    }
}
