using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>The spec's routes: <c>GET /monitors</c>, <c>POST /monitor/{name}</c>, <c>POST /monitor/all</c>.</summary>
public abstract class MonitorsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Get_monitors_lists_every_registered_monitor_with_its_schedule_interval_and_toggle()
    {
        var monitors = (await Client.Get("monitors")).Is(HttpStatusCode.OK).Json["monitors"]!.AsArray();

        Assert.Equal(Api.App.Registry.Names, monitors.Select(m => (string)m!["name"]!));
        var price = monitors.Single(m => (string?)m!["name"] == "price_monitor")!;
        Assert.Equal("cycle", (string?)price["schedule"]);
        Assert.Equal(60, (double?)price["interval_seconds"]);
        var latency = monitors.Single(m => (string?)m!["name"] == "latency_monitor")!;
        Assert.Equal("timer", (string?)latency["schedule"]);
        Assert.Equal(300, (double?)latency["interval_seconds"]);
        var risk = monitors.Single(m => (string?)m!["name"] == "risk_monitor")!;
        Assert.False((bool?)risk["enabled"]);
        Assert.Equal("enabled_risk", (string?)risk["toggle"]);
    }

    [Fact]
    public async Task Post_monitor_runs_it_and_answers_with_its_ledger_row()
    {
        var reply = (await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);

        var run = Assert.Single(reply.Json["runs"]!.AsArray())!;
        Assert.Equal("price_monitor", (string?)run["monitor_name"]);
        Assert.Equal("Success", (string?)run["status"]);
        Assert.Equal("demo", (string?)run["metadata"]!["mode"]);
        Assert.False((bool?)reply.Json["failed"]);
        var row = Assert.Single((await Client.Get("api/ledger")).Json["entries"]!.AsArray())!;
        Assert.Equal((long?)run["id"], (long?)row["id"]);
        Assert.Equal(ApiHost.T0, DateTimeOffset.Parse((string)row["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_failing_run_answers_200_with_status_Error_never_success()
    {
        var offline = (await StartHostAsync([])).Client; // no demo: the price sources refuse connections

        var reply = (await offline.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);

        var run = Assert.Single(reply.Json["runs"]!.AsArray())!;
        Assert.Equal("Error", (string?)run["status"]);
        Assert.True((bool?)reply.Json["failed"]);
        Assert.Equal("Error", (string?)Assert.Single((await offline.Get("api/ledger")).Json["entries"]!.AsArray())!["status"]);
        var status = (await offline.Get("status")).Json["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "price_monitor")!;
        Assert.Equal("Error", (string?)status["health"]);
    }

    [Fact]
    public async Task Post_monitor_all_runs_every_monitor_in_registry_order_with_each_real_status()
    {
        var reply = (await Client.Post("monitor/all")).Is(HttpStatusCode.OK);

        var runs = reply.Json["runs"]!.AsArray();
        Assert.Equal(Api.App.Registry.Names, runs.Select(r => (string)r!["monitor_name"]!));
        Assert.Equal("Success", Status(runs, "price_monitor"));
        Assert.Equal("Disabled", Status(runs, "risk_monitor"));
        Assert.Equal("Skipped", Status(runs, "twilio_monitor"));
        Assert.False((bool?)reply.Json["failed"]);
        Assert.Equal(runs.Count, (await Client.Get("api/ledger?limit=100")).Json["entries"]!.AsArray().Count);

        var offline = (await StartHostAsync([])).Client;
        var failed = (await offline.Post("monitor/all")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("Error", Status(failed["runs"]!.AsArray(), "price_monitor"));
        Assert.True((bool?)failed["failed"]);
    }

    [Fact]
    public async Task An_unknown_monitor_is_a_404_problem_naming_the_known_ones_and_runs_nothing()
    {
        var problem = (await Client.Post("monitor/nope")).Problem(HttpStatusCode.NotFound);

        var detail = (string)problem["detail"]!;
        Assert.Contains("Unknown monitor 'nope'", detail, StringComparison.Ordinal);
        Assert.All(Api.App.Registry.Names, name => Assert.Contains(name, detail, StringComparison.Ordinal));
        Assert.Equal("name", (string?)problem["field"]);
        Assert.Empty((await Client.Get("api/ledger")).Json["entries"]!.AsArray());
    }

    private static string? Status(JsonArray runs, string monitor) => (string?)runs.Single(r => (string?)r!["monitor_name"] == monitor)!["status"];
}

public sealed class SqliteMonitorsApiTests() : MonitorsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMonitorsApiTests(PostgresFixture postgres) : MonitorsApiTests(new PostgresDatabaseFactory(postgres));
