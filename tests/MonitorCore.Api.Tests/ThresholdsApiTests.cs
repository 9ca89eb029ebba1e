using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /api/thresholds</c>, <c>PUT</c> and <c>DELETE /api/thresholds/{type}/{class}</c>: validated, merged with the stored one.</summary>
public abstract class ThresholdsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private async Task<JsonNode?> ThresholdAsync(string type, string @class) =>
        (await Client.Get("api/thresholds")).Is(HttpStatusCode.OK).Json["thresholds"]!.AsArray()
            .SingleOrDefault(t => (string?)t!["alert_type"] == type && (string?)t["alert_class"] == @class);

    [Fact]
    public async Task The_seeded_thresholds_are_listed()
    {
        var liquidation = await ThresholdAsync("LiquidationDistance", "Position");
        Assert.NotNull(liquidation);
        Assert.Equal("BELOW", (string?)liquidation["condition"]);
        Assert.Equal([10.0, 7.5, 5.0], new[] { "low", "medium", "high" }.Select(k => (double)liquidation[k]!));
    }

    [Fact]
    public async Task A_valid_triple_is_stored_merged_with_what_it_leaves_out()
    {
        var reply = (await Client.Put("api/thresholds/LiquidationDistance/Position", new { low = 12, medium = 8, high = 4, high_notify = "SMS, voice" }))
            .Is(HttpStatusCode.OK).Json;

        Assert.Equal(4, (double?)reply["high"]);
        Assert.Equal("sms,voice", (string?)reply["high_notify"]);
        var stored = (await ThresholdAsync("LiquidationDistance", "Position"))!;
        Assert.Equal([12.0, 8.0, 4.0], new[] { "low", "medium", "high" }.Select(k => (double)stored[k]!));
        Assert.Equal("BELOW", (string?)stored["condition"]); // kept
        Assert.Equal("liquidation_distance_pct", (string?)stored["metric_key"]); // kept
        Assert.Equal("sms,voice", (string?)stored["high_notify"]);
    }

    [Fact]
    public async Task A_type_or_class_no_monitor_reads_is_a_400_problem_with_the_nearest_and_nothing_is_stored()
    {
        var type = (await Client.Put("api/thresholds/Custom/Thing", new { low = 1, medium = 2, high = 3 })).Problem(HttpStatusCode.BadRequest);
        var @class = (await Client.Put("api/thresholds/Profit/Portfolio", new { low = 1, medium = 2, high = 3 })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("type", (string?)type["field"]);
        Assert.Equal("class", (string?)@class["field"]);
        Assert.Contains("(did you mean Position?)", (string?)@class["detail"], StringComparison.Ordinal);
        Assert.Null(await ThresholdAsync("Custom", "Thing"));
        Assert.Null(await ThresholdAsync("Profit", "Portfolio"));
    }

    [Fact]
    public async Task Delete_removes_a_threshold_and_answers_with_it_and_a_second_delete_is_a_404()
    {
        var deleted = (await Client.Delete("api/thresholds/profit/position")).Is(HttpStatusCode.OK).Json;

        Assert.Equal(("Profit", 10.0), ((string?)deleted["alert_type"], (double)deleted["low"]!));
        Assert.Null(await ThresholdAsync("Profit", "Position"));
        (await Client.Delete("api/thresholds/Profit/Position")).Problem(HttpStatusCode.NotFound);
        (await Client.Delete("api/thresholds/Proft/Position")).Problem(HttpStatusCode.BadRequest);
        (await Client.Put("api/thresholds/Profit/Position", new { low = 10, medium = 25, high = 50 })).Is(HttpStatusCode.OK);
        Assert.NotNull(await ThresholdAsync("Profit", "Position"));
    }

    [Fact]
    public async Task A_triple_out_of_order_is_a_400_problem_naming_the_rule_and_nothing_is_stored()
    {
        var before = await ThresholdAsync("Profit", "Position");

        var problem = (await Client.Put("api/thresholds/Profit/Position", new { low = 50, medium = 25, high = 10 })).Problem(HttpStatusCode.BadRequest);

        Assert.Contains("needs low ≤ medium ≤ high, got 50 / 25 / 10", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before!.ToJsonString(), (await ThresholdAsync("Profit", "Position"))!.ToJsonString());

        var below = (await Client.Put("api/thresholds/LiquidationDistance/Position", new { low = 5, medium = 7.5, high = 10 })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("(BELOW) needs low ≥ medium ≥ high", (string?)below["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_channel_is_a_400_problem_with_the_nearest_name_and_nothing_is_stored()
    {
        var before = await ThresholdAsync("Profit", "Position");

        var problem = (await Client.Put("api/thresholds/Profit/Position", new { low = 1, medium = 2, high = 3, medium_notify = "email,smss" }))
            .Problem(HttpStatusCode.BadRequest);

        Assert.Equal("medium_notify", (string?)problem["field"]);
        Assert.Contains("'smss' (did you mean 'sms'?)", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before!.ToJsonString(), (await ThresholdAsync("Profit", "Position"))!.ToJsonString());
    }

    [Fact]
    public async Task A_metric_key_with_a_nul_character_is_a_400_problem_and_nothing_is_stored()
    {
        var before = await ThresholdAsync("Profit", "Position");

        var problem = (await Client.Put("api/thresholds/Profit/Position", new { low = 1, medium = 2, high = 3, metric_key = "pnl\0" })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("metric_key", (string?)problem["field"]);
        Assert.Equal(before!.ToJsonString(), (await ThresholdAsync("Profit", "Position"))!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"medium": 2, "high": 3}""", "low")]
    [InlineData("""{"low": 1, "high": 3}""", "medium")]
    [InlineData("""{"low": 1, "medium": 2}""", "high")]
    public async Task A_missing_line_is_a_400_problem_with_its_field(string body, string field)
    {
        var problem = (await Client.Put("api/thresholds/Profit/Position", HttpClientReplies.Text(body, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(field, (string?)problem["field"]);
    }

    [Theory]
    [InlineData("""{"low": "one", "medium": 2, "high": 3}""")]
    [InlineData("""{"low": 1, "medium": 2, "high": 3, "condition": "SIDEWAYS"}""")]
    [InlineData("""{"low": 1, "medium": 2, """)]
    [InlineData("""[1, 2, 3]""")]
    public async Task A_body_that_cannot_be_read_is_a_400_problem(string body) =>
        (await Client.Put("api/thresholds/Profit/Position", HttpClientReplies.Text(body, "application/json"))).Problem(HttpStatusCode.BadRequest);
}

public sealed class SqliteThresholdsApiTests() : ThresholdsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresThresholdsApiTests(PostgresFixture postgres) : ThresholdsApiTests(new PostgresDatabaseFactory(postgres));
