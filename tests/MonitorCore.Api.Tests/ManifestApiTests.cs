using System.Net;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Api.Tests;

/// <summary>
/// Issue 11's acceptance through the API: an <c>http</c> check added to the manifest of an installation is, after a
/// (re)start and with no code, listed by <c>GET /monitors</c> with its origin, runs, and shows in <c>GET /status</c>
/// (what the dashboard renders).
/// </summary>
public sealed class ManifestApiTests() : ApiTestBase(new SqliteDatabaseFactory())
{
    [Fact]
    public async Task A_check_added_to_the_manifest_is_listed_runs_and_shows_in_the_status()
    {
        Assert.DoesNotContain("exchange_up", (await Client.Get("monitors")).Is(HttpStatusCode.OK).Body, StringComparison.Ordinal);
        await using var exchange = await LocalHttpServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"status":"ok"}""");
        });

        // The same installation with one more manifest entry, as after editing the file and restarting.
        var settings = Settings;
        settings["Monitors:exchange_up:Type"] = "http";
        settings["Monitors:exchange_up:Url"] = exchange.Url("/ping");
        settings["Monitors:exchange_up:Conditions:0"] = "[STATUS] == 200";
        settings["Monitors:exchange_up:Conditions:1"] = "[BODY].status == ok";
        var api = await StartHostAsync(settings);

        var listed = (await api.Client.Get("monitors")).Is(HttpStatusCode.OK).Json["monitors"]!.AsArray()
            .Single(m => (string?)m!["name"] == "exchange_up")!;
        Assert.Equal("manifest (http)", (string?)listed["origin"]);
        Assert.Equal(60, (double?)listed["interval_seconds"]);

        var run = (await api.Client.Post("monitor/exchange_up")).Is(HttpStatusCode.OK).Json["runs"]![0]!;
        Assert.Equal("Success", (string?)run["status"]);
        Assert.Single(exchange.Requests);

        var status = (await api.Client.Get("status")).Is(HttpStatusCode.OK).Json["monitors"]!.AsArray()
            .Single(m => (string?)m!["name"] == "exchange_up")!;
        Assert.Equal("Success", (string?)status["last_status"]);
        Assert.Equal("Healthy", (string?)status["health"]);
    }
}
