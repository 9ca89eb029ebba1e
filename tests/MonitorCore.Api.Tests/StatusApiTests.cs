using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /status</c> and the probes <c>/healthz</c> and <c>/readyz</c>.</summary>
public abstract class StatusApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Status_shows_each_monitor_with_its_health_and_the_age_of_its_last_run()
    {
        await Client.Post("monitor/price_monitor");
        Api.Time.Advance(TimeSpan.FromSeconds(42));

        var status = (await Client.Get("status")).Is(HttpStatusCode.OK).Json;

        var price = status["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "price_monitor")!;
        Assert.Equal("Healthy", (string?)price["health"]);
        Assert.Equal("Success", (string?)price["last_status"]);
        Assert.Equal(42, (double?)price["age_seconds"]);
        var never = status["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "liquid_monitor")!;
        Assert.Null((string?)never["last_run"]);
    }

    [Fact]
    public async Task Healthz_answers_200_without_looking_at_anything()
    {
        var reply = (await Client.Get("healthz")).Is(HttpStatusCode.OK);
        Assert.Equal("ok", (string?)reply.Json["status"]);
    }

    [Fact]
    public async Task Readyz_is_503_with_the_reason_until_a_cycle_completes_then_200_until_the_cycle_falls_behind()
    {
        var before = (await Client.Get("readyz")).Is(HttpStatusCode.ServiceUnavailable).Json;
        Assert.False((bool?)before["ready"]);
        var cycle = before["checks"]!.AsArray().Single(c => (string?)c!["name"] == "cycle")!;
        Assert.False((bool?)cycle["ok"]);
        Assert.Equal("no sonic cycle has completed yet", (string?)cycle["detail"]);
        Assert.True((bool?)before["checks"]!.AsArray().Single(c => (string?)c!["name"] == "database")!["ok"]);

        await Api.RunCycleAsync();
        var after = (await Client.Get("readyz")).Is(HttpStatusCode.OK).Json;
        Assert.True((bool?)after["ready"]);
        Assert.All(after["checks"]!.AsArray(), c => Assert.True((bool?)c!["ok"]));

        Api.Time.Advance(TimeSpan.FromSeconds(121)); // more than twice the 60 s interval
        var late = (await Client.Get("readyz")).Is(HttpStatusCode.ServiceUnavailable).Json;
        Assert.Contains("more than twice the 60 s interval", (string?)late["checks"]!.AsArray().Single(c => (string?)c!["name"] == "cycle")!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_is_200_when_the_cycle_is_switched_off()
    {
        (await Client.Put("api/settings/enabled_sonic", new { value = "false" })).Is(HttpStatusCode.OK);

        var reply = (await Client.Get("readyz")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("switched off (enabled_sonic)", (string?)reply["checks"]!.AsArray().Single(c => (string?)c!["name"] == "cycle")!["detail"]);
    }
}

public sealed class SqliteStatusApiTests() : StatusApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresStatusApiTests(PostgresFixture postgres) : StatusApiTests(new PostgresDatabaseFactory(postgres))
{
    [Fact]
    public async Task Status_on_one_instance_shows_a_run_and_a_snooze_made_through_another_at_once()
    {
        var database = await new PostgresDatabaseFactory(postgres).CreateAsync();
        await using var _ = database;
        var demo = new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" };
        await using var a = await ApiHost.StartAsync(database, demo);
        await using var b = await ApiHost.StartAsync(database, demo);
        string? PriceHealth(System.Text.Json.Nodes.JsonNode status) =>
            (string?)status["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "price_monitor")!["health"];
        Assert.Equal("Offline", PriceHealth((await b.Client.Get("status")).Json));

        (await a.Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
        (await a.Client.Post("api/snoozes", new { target = "all", @for = "30m", reason = "maintenance" })).Is(HttpStatusCode.OK);

        // B's clock has not moved: only what is in the database can have told it.
        var status = (await b.Client.Get("status")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Healthy", PriceHealth(status));
        Assert.Equal("maintenance", (string?)Assert.Single(status["snoozes"]!.AsArray())!["reason"]);
    }
}
