using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>Alerts: list, acknowledge, snooze (an alert's and any scope's), unsnooze, the snoozes in force.</summary>
public abstract class AlertsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private async Task<JsonArray> SnoozesAsync() => (await Client.Get("api/snoozes")).Is(HttpStatusCode.OK).Json["snoozes"]!.AsArray();

    [Fact]
    public async Task A_liquidation_breach_fires_an_alert_listed_with_the_firing_ones_and_in_the_history()
    {
        (await Client.Post("monitor/position_monitor")).Is(HttpStatusCode.OK); // the demo wallet: its SOL LONG is close enough for LOW
        var id = await Scenarios.BreachAsync(Client);

        var alert = (await Client.Get("api/alerts")).Json["alerts"]!.AsArray().Single(a => (long?)a!["id"] == id)!;
        Assert.Equal("LiquidationDistance", (string?)alert["rule"]);
        Assert.Equal("liquid_monitor", (string?)alert["monitor"]);
        Assert.InRange((double)alert["value"]!, 1.9, 2.1);
        Assert.Contains((await Client.Get("api/alerts?all=true")).Json["alerts"]!.AsArray(), a => (long?)a!["id"] == id);

        var limited = (await Client.Get("api/alerts?limit=1")).Json;
        Assert.Single(limited["alerts"]!.AsArray());
        Assert.True((bool?)limited["truncated"]);
        Assert.Equal("limit", (string?)(await Client.Get("api/alerts?limit=0")).Problem(HttpStatusCode.BadRequest)["field"]);
    }

    [Fact]
    public async Task Acknowledging_a_firing_alert_records_it_once_then_it_is_not_found()
    {
        var id = await Scenarios.BreachAsync(Client);

        var reply = (await Client.Post($"api/alerts/{id}/acknowledge")).Is(HttpStatusCode.OK).Json;

        Assert.Equal(id, (long?)reply["id"]);
        Assert.True((bool?)reply["acknowledged"]);
        var alert = (await Client.Get("api/alerts")).Json["alerts"]!.AsArray().Single(a => (long?)a!["id"] == id)!;
        Assert.NotNull((string?)alert["acknowledged_at"]);
        Assert.Equal("id", (string?)(await Client.Post($"api/alerts/{id}/acknowledge")).Problem(HttpStatusCode.NotFound)["field"]);
        (await Client.Post("api/alerts/987654/acknowledge")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_alert_snoozed_for_30m_is_listed_with_its_time_left_until_it_ends_or_is_unsnoozed()
    {
        var id = await Scenarios.BreachAsync(Client);

        var snooze = (await Client.Post($"api/alerts/{id}/snooze", new { @for = "30m", reason = "on it" })).Is(HttpStatusCode.OK).Json;

        Assert.Equal("ALERT", (string?)snooze["scope"]);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)snooze["target"]);
        Assert.Equal(ApiHost.T0.AddMinutes(30), DateTimeOffset.Parse((string)snooze["until"]!, System.Globalization.CultureInfo.InvariantCulture));
        var listed = Assert.Single(await SnoozesAsync())!;
        Assert.Equal($"alert {id}", (string?)listed["scope"]);
        Assert.Equal(1800, (double?)listed["seconds_left"]);
        Assert.Equal("on it", (string?)listed["reason"]);

        Api.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1200, (double?)Assert.Single(await SnoozesAsync())!["seconds_left"]);

        Assert.Equal(1, (int?)(await Client.Delete($"api/alerts/{id}/snooze")).Is(HttpStatusCode.OK).Json["removed"]);
        Assert.Empty(await SnoozesAsync());
        (await Client.Delete($"api/alerts/{id}/snooze")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_snooze_ends_by_itself_when_its_time_is_up()
    {
        var id = await Scenarios.BreachAsync(Client);
        (await Client.Post($"api/alerts/{id}/snooze", new { @for = "30m" })).Is(HttpStatusCode.OK);

        Api.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.Empty(await SnoozesAsync());
    }

    [Theory]
    [InlineData("30")]
    [InlineData("-5m")]
    [InlineData("soon")]
    [InlineData("")]
    public async Task A_duration_without_a_unit_or_not_a_duration_is_a_400_problem_and_nothing_is_snoozed(string duration)
    {
        var id = await Scenarios.BreachAsync(Client);

        var problem = (await Client.Post($"api/alerts/{id}/snooze", new { @for = duration })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("for", (string?)problem["field"]);
        Assert.Contains("duration", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty(await SnoozesAsync());
    }

    [Fact]
    public async Task A_reason_with_a_nul_character_is_a_400_problem_and_nothing_is_snoozed()
    {
        var id = await Scenarios.BreachAsync(Client);

        Assert.Equal("reason", (string?)(await Client.Post($"api/alerts/{id}/snooze", new { @for = "30m", reason = "on\0it" })).Problem(HttpStatusCode.BadRequest)["field"]);
        Assert.Equal("reason", (string?)(await Client.Post("api/snoozes", new { target = "all", @for = "30m", reason = "\0" })).Problem(HttpStatusCode.BadRequest)["field"]);
        Assert.Empty(await SnoozesAsync());
    }

    [Fact]
    public async Task Snoozing_an_alert_that_does_not_exist_is_a_404_problem() =>
        (await Client.Post("api/alerts/987654/snooze", new { @for = "30m" })).Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Snoozes_of_a_monitor_and_of_everything_are_added_listed_and_removed_by_target()
    {
        (await Client.Post("api/snoozes", new { target = "liquid_monitor", @for = "2h" })).Is(HttpStatusCode.OK);
        var global = (await Client.Post("api/snoozes", new { target = "all", @for = "1h30m", reason = "maintenance" })).Is(HttpStatusCode.OK).Json;

        var listed = await SnoozesAsync();
        Assert.Equal(["global", "monitor liquid_monitor"], listed.Select(s => (string)s!["scope"]!).Order(StringComparer.Ordinal));
        Assert.Equal(5400, (double?)listed.Single(s => (string?)s!["scope"] == "global")!["seconds_left"]);

        Assert.Equal(1, (int?)(await Client.Delete("api/snoozes/all")).Is(HttpStatusCode.OK).Json["removed"]);
        Assert.Equal(1, (int?)(await Client.Delete("api/snoozes/liquid_monitor")).Is(HttpStatusCode.OK).Json["removed"]);
        Assert.Empty(await SnoozesAsync());
        Assert.NotNull((string?)global["id"]);
        (await Client.Delete("api/snoozes/all")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_snooze_is_removed_by_its_own_id()
    {
        var snooze = (await Client.Post("api/snoozes", new { target = "all", @for = "1h" })).Is(HttpStatusCode.OK).Json;

        Assert.Equal(1, (int?)(await Client.Delete("api/snoozes/" + (string)snooze["id"]!)).Is(HttpStatusCode.OK).Json["removed"]);
        Assert.Empty(await SnoozesAsync());
    }

    [Fact]
    public async Task A_snooze_without_a_target_or_of_an_unknown_one_is_refused()
    {
        Assert.Equal("target", (string?)(await Client.Post("api/snoozes", new { @for = "1h" })).Problem(HttpStatusCode.BadRequest)["field"]);
        var unknown = (await Client.Post("api/snoozes", new { target = "liquid_monitr", @for = "1h" })).Problem(HttpStatusCode.NotFound);
        Assert.Contains("liquid_monitor", (string?)unknown["detail"], StringComparison.Ordinal);
        Assert.Empty(await SnoozesAsync());
    }
}

public sealed class SqliteAlertsApiTests() : AlertsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresAlertsApiTests(PostgresFixture postgres) : AlertsApiTests(new PostgresDatabaseFactory(postgres));
