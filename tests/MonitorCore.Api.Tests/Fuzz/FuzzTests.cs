using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace MonitorCore.Api.Tests.Fuzz;

/// <summary>
/// Every mapped route (read from the app's endpoints), a few hundred random and malformed requests each from a seeded
/// <see cref="Random"/>, on a service with data in every table. Whatever comes in: never a 5xx, every 4xx a problem
/// with a title and a detail, nothing logged as an error, and a refused request leaves every table and file as it was.
/// </summary>
public abstract class FuzzTests(ITestDatabaseFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    public const int RequestsPerRoute = 300;

    private const int MaxUrl = 7 * 1024;

    /// <summary>Runs every monitor; each request takes long, and the runs' own inputs are not in the request.</summary>
    private const int RequestsToRunAll = 25;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Sources:Mode"] = "Demo",
        ["Api:MutationsPerMinute"] = "100000",
    };

    /// <summary>
    /// Every route but the event stream (it does not end; its tests come with it), from a started app: the endpoints are
    /// gathered when the host builds its pipeline.
    /// </summary>
    public static TheoryData<string> Routes() => Task.Run(async () =>
    {
        await using var api = await ApiHost.StartOnSqliteAsync();
        return new TheoryData<string>(ApiRoute.All(api.App.Services).Where(r => r.Pattern != "/api/events").Select(r => r.ToString()));
    }).GetAwaiter().GetResult();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Malformed_input_never_fails_the_server_always_gets_a_problem_and_changes_nothing(string name)
    {
        var route = ApiRoute.All(Api.App.Services).Single(r => r.ToString() == name);
        var known = await SeedAsync();
        var inputs = new FuzzInputs(new Random(FuzzInputs.Seed(name)), known);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var baseline = await DataSnapshot.TakeAsync(Api);
        var count = route.Pattern == "/monitor/all" ? RequestsToRunAll : RequestsPerRoute;

        for (var i = 0; i < count && failures.Count < 10; i++)
        {
            var (path, query, body) = inputs.Request(route);
            var url = path.TrimStart('/') + query;
            if (url.Length > MaxUrl)
            {
                continue; // Kestrel refuses a request line over 8 KB itself (414), before the app
            }

            var request = $"{route.Method} /{url} {FuzzInputs.Describe(body)}";
            using var message = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = body };
            var reply = await Client.SendRaw(message);
            statuses[(int)reply.Status] = statuses.GetValueOrDefault((int)reply.Status) + 1;

            // Readiness answers 503 with its checks while no cycle has run: its answer, not a failure.
            var notReady = route.Pattern == "/readyz" && reply.Status == HttpStatusCode.ServiceUnavailable && reply.Body.Contains("\"ready\":false", StringComparison.Ordinal);
            if ((int)reply.Status >= 500 && !notReady)
            {
                failures.Add($"{(int)reply.Status} for {request}\n  {FuzzInputs.Shorten(reply.Body)}\n  {Api.Errors}");
            }
            else if ((int)reply.Status >= 400 && !notReady && !RefusedByKestrel(path, reply) && ProblemIssue(reply) is { } issue)
            {
                failures.Add($"{(int)reply.Status} without a problem ({issue}) for {request}");
            }

            if (!route.Mutates)
            {
                continue;
            }

            if ((int)reply.Status is >= 400 and < 500)
            {
                var after = await DataSnapshot.TakeAsync(Api);
                if (after.DiffFrom(baseline) is { Length: > 0 } diff)
                {
                    failures.Add($"{(int)reply.Status} for {request}, yet stored data changed:\n{diff}");
                    baseline = after;
                }
            }
            else
            {
                await Api.SettleOutboxAsync();
                baseline = await DataSnapshot.TakeAsync(Api);
            }
        }

        if (!route.Mutates && (await DataSnapshot.TakeAsync(Api)).DiffFrom(baseline) is { Length: > 0 } readDiff)
        {
            failures.Add($"reads changed stored data:\n{readDiff}");
        }

        output.WriteLine($"{name}: {string.Join(", ", statuses.Select(s => $"{s.Value}× {s.Key}"))}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(Api.Errors.Entries.Count == 0, Api.Errors.ToString());
    }

    /// <summary>
    /// Kestrel itself refuses a path with an encoded NUL (400, no body, the connection closed) before any of the app runs,
    /// so no problem can be written for it; what it would have touched is still checked.
    /// </summary>
    private static bool RefusedByKestrel(string path, Reply reply) =>
        reply.Status == HttpStatusCode.BadRequest && reply.Body.Length == 0 && path.Contains("%00", StringComparison.Ordinal) && reply.Headers.ConnectionClose == true;

    /// <summary>Why a 4xx answer is not a problem with a title and a detail, or null when it is one.</summary>
    private static string? ProblemIssue(Reply reply)
    {
        if (reply.ContentType != "application/problem+json")
        {
            return $"content type '{reply.ContentType}', body '{FuzzInputs.Shorten(reply.Body)}'";
        }

        try
        {
            var problem = JsonNode.Parse(reply.Body) as JsonObject;
            return problem is null ? "not a JSON object"
                : string.IsNullOrWhiteSpace((string?)problem["title"]) ? "no title"
                : string.IsNullOrWhiteSpace((string?)problem["detail"]) ? $"no detail: {reply.Body}"
                : (int?)problem["status"] != (int)reply.Status ? $"status {(int?)problem["status"]} in the body"
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return $"a body that is not one: {ex.Message}";
        }
    }

    /// <summary>Data in every table through the API, and the values that exist, by the name of the input that takes them.</summary>
    private async Task<Dictionary<string, string[]>> SeedAsync()
    {
        (await Client.Post("monitor/all")).Is(HttpStatusCode.OK);
        var alert = await Scenarios.BreachAsync(Client);
        (await Client.Post("api/channels/sms/test")).Is(HttpStatusCode.OK);
        (await Client.Post("api/wallets", new { name = "desk-1", address = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" })).Is(HttpStatusCode.Created);
        var snooze = (string)(await Client.Post("api/snoozes", new { target = "liquid_monitor", @for = "1h" })).Is(HttpStatusCode.OK).Json["id"]!;
        (await Client.Put("api/timers/latency_monitor", new { seconds = 120 })).Is(HttpStatusCode.OK);
        (await Client.Put("api/settings/theme_mode", new { value = "light" })).Is(HttpStatusCode.OK);
        (await Client.Put("api/market/anchors/BTC", new { price = 90000 })).Is(HttpStatusCode.OK);
        (await Client.Put("api/market/windows/6h", new { threshold_percent = 3 })).Is(HttpStatusCode.OK);
        await Api.SettleOutboxAsync();

        var alerts = (await Client.Get("api/alerts?all=true")).Json["alerts"]!.AsArray().Select(a => a!["id"]!.ToString()).ToArray();
        var notifications = (await Client.Get("api/notifications?limit=1000")).Json["notifications"]!.AsArray().Select(n => n!["id"]!.ToString()).ToArray();
        var monitors = Api.App.Registry.Names.ToArray();
        var settings = (await Client.Get("api/settings")).Json["settings"]!.AsArray().Select(s => (string)s!["key"]!).ToArray();
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["name"] = [.. monitors, "desk-1", "demo"],
            ["monitor"] = monitors,
            ["id"] = alerts.Concat(notifications).ToArray(),
            ["alert_id"] = [alert.ToString(System.Globalization.CultureInfo.InvariantCulture), .. alerts],
            ["target"] = [snooze, "all", "liquid_monitor", .. alerts],
            ["key"] = settings,
            ["channel"] = ["sms", "email", "voice", "slack", "webhook"],
            ["asset"] = ["BTC", "sol", "ETH", "SPX"],
            ["window"] = ["1h", "6h", "24h"],
            ["type"] = ["LiquidationDistance", "Profit", "TotalProfit"],
            ["class"] = ["Position", "Portfolio"],
            ["status"] = ["active", "all", "SKIPPED", "Success", "pending", "closed"],
            ["documentName"] = ["v1"],
            ["limit"] = ["1", "50", "10000"],
            ["cursor"] = ["1795521600000000.8"],
            ["hours"] = ["1", "24", "0.5"],
            ["points"] = ["2", "500"],
            ["days"] = ["1", "30", "36500"],
            ["since"] = ["2026-11-24T11:00:00Z"],
            ["until"] = ["2026-11-24T13:00:00Z"],
            ["all"] = ["true", "false"],

            // The fields of the bodies.
            ["low"] = ["1"],
            ["medium"] = ["2"],
            ["high"] = ["3"],
            ["condition"] = ["ABOVE", "above"],
            ["metric_key"] = ["pnl_after_fees_usd"],
            ["enabled"] = ["true", "false"],
            ["low_notify"] = ["sms", "", "email,voice"],
            ["medium_notify"] = ["sms"],
            ["high_notify"] = ["voice,sms"],
            ["for"] = ["30m", "1h"],
            ["until_resolved"] = ["false", "true"],
            ["reason"] = ["on it"],
            ["value"] = ["light", "true", "5", "30m", "HIGH"],
            ["threshold_percent"] = ["3"],
            ["direction"] = ["UP", "both"],
            ["price"] = ["90000"],
            ["delta_percent"] = ["4"],
            ["mode"] = ["SINGLE", "ladder"],
            ["seconds"] = ["120"],
            ["address"] = ["9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin", "So11111111111111111111111111111111111111112"],
            ["level"] = ["HIGH", "low"],
        };
    }
}

public sealed class SqliteFuzzTests(ITestOutputHelper output) : FuzzTests(new SqliteDatabaseFactory(), output);

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFuzzTests(PostgresFixture postgres, ITestOutputHelper output) : FuzzTests(new PostgresDatabaseFactory(postgres), output);
