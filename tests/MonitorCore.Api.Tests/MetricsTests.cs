using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /metrics</c> in Prometheus text format, and the format check itself.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_parse_as_prometheus_text_with_the_alerts_firing_and_the_outbox_due()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" });
        await Scenarios.BreachAsync(api.Client);
        var pending = (long)(await api.Client.Post("api/channels/sms/test")).Json["result"]!["notification_id"]!;
        await api.SettleOutboxAsync();
        (await api.Client.Post($"api/notifications/{pending}/retry")).Is(HttpStatusCode.OK); // due now, until the dispatcher looks

        var reply = (await api.Client.Get("metrics")).Is(HttpStatusCode.OK);

        Assert.Equal("text/plain", reply.ContentType);
        var (samples, problems) = PrometheusText.Parse(reply.Body);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(1, samples.Single(s => s.Name == "monitorcore_alerts_firing" && s.Labels["level"] == "HIGH").Value);
        Assert.Equal(0, samples.Single(s => s.Name == "monitorcore_alerts_firing" && s.Labels["level"] == "MEDIUM").Value);
        Assert.Equal(1, samples.Single(s => s.Name == "monitorcore_outbox_due").Value);
        Assert.Contains("# TYPE monitorcore_outbox_due gauge\n", reply.Body, StringComparison.Ordinal);
        Assert.Contains(samples, s => s.Name == "http_request_duration_seconds_count" && s.Labels["endpoint"] == "/monitor/{name}");
    }

    [Fact]
    public void A_well_formed_exposition_passes_the_check()
    {
        const string text = """
            # HELP requests_total Requests, with a \\ and a \n in the help.
            # TYPE requests_total counter
            requests_total{method="GET",path="/a \"quoted\" \\ path\n"} 3 1700000000000
            requests_total{method="POST",} 1e3
            # a comment
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.5"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_sum 0.75
            latency_seconds_count 2
            up NaN
            temperature:celsius -Inf

            """;

        var (samples, problems) = PrometheusText.Parse(text.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Empty(problems);
        Assert.Equal(8, samples.Count);
        Assert.Equal("/a \"quoted\" \\ path\n", samples[0].Labels["path"]);
    }

    [Theory]
    [InlineData("1metric 1\n", "no metric name")]
    [InlineData("metric-name 1\n", "no space before the value")]
    [InlineData("metric 1.2.3\n", "not a float")]
    [InlineData("metric one\n", "not a float")]
    [InlineData("metric 1 soon\n", "not a float")]
    [InlineData("metric{a=\"1} 1\n", "does not end")]
    [InlineData("metric{a=\"x\\y\"} 1\n", "bad escape")]
    [InlineData("metric{a=1} 1\n", "no =")]
    [InlineData("metric{1a=\"x\"} 1\n", "bad label name")]
    [InlineData("metric{a=\"x\",a=\"y\"} 1\n", "given twice")]
    [InlineData("metric{a=\"x\" b=\"y\"} 1\n", "commas")]
    [InlineData("metric 1\nmetric 2\n", "twice")]
    [InlineData("metric 1\n# TYPE metric gauge\n", "after its samples")]
    [InlineData("# TYPE metric gauge\n# TYPE metric gauge\nmetric 1\n", "a second TYPE")]
    [InlineData("# TYPE metric meter\nmetric 1\n", "not a metric type")]
    [InlineData("# TYPE h histogram\nh_bucket 1\n", "without 'le'")]
    [InlineData("a 1\nb 1\na{x=\"1\"} 2\n", "apart from the others")]
    [InlineData("metric 1", "line feed")]
    public void A_malformed_exposition_is_refused_with_the_rule_it_breaks(string text, string problem)
    {
        var (_, problems) = PrometheusText.Parse(text);

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }
}
