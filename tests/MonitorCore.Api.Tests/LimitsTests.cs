using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary>The request body limit and the rate of changes.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_nothing_is_imported()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Api:MaxBodyBytes"] = "2048" });
        var header = "id,asset_type,position_type,entry_price,liquidation_price,size,collateral\n";
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"big-{i},SOL,LONG,180,150,1000,100\n"));

        var reply = await api.Client.Post("api/positions/import", HttpClientReplies.Text(header + rows, "text/csv"));

        Assert.Equal("The request body is too large", (string?)reply.Problem(HttpStatusCode.RequestEntityTooLarge)["title"]);
        Assert.Empty((await api.Client.Get("api/positions?status=all")).Json["positions"]!.AsArray());
        (await api.Client.Post("api/positions/import", HttpClientReplies.Text(header + "small-1,SOL,LONG,180,150,1000,100\n", "text/csv"))).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_a_413_problem_and_nothing_is_stored()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Api:MaxBodyBytes"] = "2048" });

        var reply = await api.Client.Put("api/thresholds/Profit/Position", new { low = 1, medium = 2, high = 3, metric_key = new string('x', 5000) });

        reply.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(10, (double?)(await api.Client.Get("api/thresholds")).Json["thresholds"]!.AsArray().Single(t => (string?)t!["alert_type"] == "Profit")!["low"]);
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_is_a_413_problem()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Api:MaxBodyBytes"] = "2048" });
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(new string('#', 5000))));
        content.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/positions/import") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        (await api.Client.SendRaw(request)).Problem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Changes_past_the_rate_limit_are_a_429_problem_with_retry_after_and_are_not_applied_while_reads_go_on()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Api:MutationsPerMinute"] = "3" });
        var client = api.Client;

        (await client.Put("api/settings/theme_mode", new { value = "light" })).Is(HttpStatusCode.OK);
        (await client.Put("api/settings/theme_mode", new { value = "dark" })).Is(HttpStatusCode.OK);
        (await client.Put("api/settings/theme_mode", new { value = "light" })).Is(HttpStatusCode.OK);
        var refused = await client.Put("api/settings/theme_mode", new { value = "dark" });

        var problem = refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Contains("At most 3 changes a minute", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("light", (string?)(await client.Get("api/settings/theme_mode")).Is(HttpStatusCode.OK).Json["value"]);
        (await client.Post("monitor/price_monitor")).Problem(HttpStatusCode.TooManyRequests);
        (await client.Get("monitors")).Is(HttpStatusCode.OK);
    }
}
