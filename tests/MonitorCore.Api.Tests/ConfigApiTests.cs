using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /api/config</c>: every setting in effect with its source, secrets masked everywhere.</summary>
public abstract class ConfigApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private const string Secret = "tw-auth-9f8e7d6c5b4a39281706";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Sources:Mode"] = "Demo",
        ["Notifications:Twilio:AuthToken"] = Secret,
        ["Notifications:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
    };

    [Fact]
    public async Task Config_lists_each_setting_with_its_source_and_masks_the_secret()
    {
        var settings = (await Client.Get("api/config")).Is(HttpStatusCode.OK).Json["settings"]!.AsArray();

        var token = settings.Single(s => (string?)s!["key"] == "Notifications:Twilio:AuthToken")!;
        Assert.Equal("command line", (string?)token["source"]);
        Assert.NotNull((string?)token["value"]);
        Assert.DoesNotContain(Secret, (string?)token["value"], StringComparison.Ordinal);
        var interval = settings.Single(s => (string?)s!["key"] == "Monitors:latency_monitor:SlowThreshold")!;
        Assert.Equal("default", (string?)interval["source"]);
        Assert.Equal("demo", ((string?)settings.Single(s => (string?)s!["key"] == "Sources:Mode")!["value"])?.ToLowerInvariant());
    }

    [Fact]
    public async Task The_secret_appears_in_no_answer_of_any_route()
    {
        (await Client.Post("monitor/all")).Is(HttpStatusCode.OK);
        await Scenarios.BreachAsync(Client);
        var bodies = new List<(string Route, string Body)>
        {
            ("POST /api/channels/sms/test", (await Client.Post("api/channels/sms/test")).Body),
            ("POST /monitor/twilio_monitor", (await Client.Post("monitor/twilio_monitor")).Body),
            ("PUT /api/settings/theme_mode", (await Client.Put("api/settings/theme_mode", new { value = "light" })).Body),
        };
        await Api.SettleOutboxAsync();
        var routes = Api.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r != "/api/events") // a stream that does not end
            .ToList();
        Assert.Contains("/api/config", routes);
        foreach (var route in routes)
        {
            var path = route.Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("{asset}", "SOL", StringComparison.Ordinal)
                .Replace("{key}", "Notifications:Alerting:PhoneRelax", StringComparison.Ordinal).TrimStart('/');
            bodies.Add(("GET " + route, (await Client.Get(path + (path.Contains('?', StringComparison.Ordinal) ? "" : "?all=true&status=all&limit=1000"))).Body));
        }

        Assert.All(bodies, b => Assert.False(b.Body.Contains(Secret, StringComparison.Ordinal), $"{b.Route} shows the secret"));
        Assert.Contains(bodies, b => b.Route == "GET /api/config" && b.Body.Contains("Notifications:Twilio:AuthToken", StringComparison.Ordinal));
    }
}

public sealed class SqliteConfigApiTests() : ConfigApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresConfigApiTests(PostgresFixture postgres) : ConfigApiTests(new PostgresDatabaseFactory(postgres));
