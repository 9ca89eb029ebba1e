using System.Net;
using MonitorCore.Api.Endpoints;
using MonitorCore.Events;

namespace MonitorCore.Api.Tests;

/// <summary>
/// <c>GET /api/events</c> through the real HTTP pipeline (Kestrel on a loopback port): what a run, an alert and an
/// acknowledgement put on the stream, resuming with <c>Last-Event-ID</c>, the keep-alive, and (PostgreSQL) an event
/// made on one instance reaching a client of another.
/// </summary>
public abstract class EventStreamTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task An_alert_raised_by_a_run_reaches_a_subscribed_client_as_alert_raised_naming_the_alert()
    {
        await using var client = await EventStreamClient.ConnectAsync(Api);

        var id = await Scenarios.BreachAsync(Client);

        var raised = await client.WaitForAsync(EventTypes.AlertRaised, e => (long?)e.Data["id"] == id);
        Assert.Equal(Scenarios.NearLiquidation, (string?)raised.Data["subject"]);
        Assert.Equal("liquid_monitor", (string?)raised.Data["monitor"]);
        Assert.Equal("HIGH", (string?)raised.Data["level"]);
        Assert.Equal("FIRING", (string?)raised.Data["state"]);
        Assert.Equal(raised.Id, (long?)raised.Json["id"]);
        Assert.Equal(EventTypes.AlertRaised, (string?)raised.Json["type"]);

        // The run that raised it follows, with its ledger row; every event once, ids growing.
        var run = await client.WaitForAsync(EventTypes.RunRecorded, e => (string?)e.Data["monitor_name"] == "liquid_monitor");
        Assert.True(run.Id > raised.Id, $"the run {run.Id} was recorded after its alert {raised.Id}");
        Assert.Equal("Success", (string?)run.Data["status"]);
        Assert.Equal(client.Ids.Order(), client.Ids);
        Assert.Equal(client.Ids.Distinct(), client.Ids);
        Assert.Equal(2000, client.Retry);
    }

    [Fact]
    public async Task A_client_reconnecting_with_Last_Event_ID_gets_exactly_the_events_it_missed_none_twice_none_lost()
    {
        await using var watcher = await EventStreamClient.ConnectAsync(Api); // stays connected throughout
        var first = await EventStreamClient.ConnectAsync(Api);
        (await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
        await first.WaitForAsync(EventTypes.RunRecorded);
        await first.DisposeAsync();
        var lastSeen = first.Ids[^1];

        // While it is away: prices, an import, a run that raises an alert, an acknowledgement.
        var alert = await Scenarios.BreachAsync(Client);
        (await Client.Post($"api/alerts/{alert}/acknowledge")).Is(HttpStatusCode.OK);
        var missedUpTo = (await watcher.WaitForAsync(EventTypes.AlertAcknowledged)).Id;

        await using var resumed = await EventStreamClient.ConnectAsync(Api, lastEventId: lastSeen);
        await using var byQuery = await EventStreamClient.ConnectAsync(Api, path: $"api/events?after={lastSeen}");
        await resumed.WaitForIdAsync(missedUpTo);
        await byQuery.WaitForIdAsync(missedUpTo);

        // Then live again: one more run reaches every client once.
        var live = Assert.Single((await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK).Json["runs"]!.AsArray())!;
        bool HasLive(IReadOnlyList<StreamEvent> events) => events.Any(e => e.Type == EventTypes.RunRecorded && (long?)e.Data["id"] == (long?)live["id"]);
        var all = await watcher.WaitUntilAsync(HasLive, "the live run");
        await resumed.WaitUntilAsync(HasLive, "the live run");
        await byQuery.WaitUntilAsync(HasLive, "the live run");

        Assert.Equal(first.Ids, all.TakeWhile(e => e.Id <= lastSeen).Select(e => e.Id));
        var missedAndLive = all.SkipWhile(e => e.Id <= lastSeen).Select(e => e.Id).ToList();
        Assert.Contains(alert, all.Where(e => e.Type == EventTypes.AlertRaised).Select(e => (long)e.Data["id"]!));
        Assert.Equal(missedAndLive, resumed.Ids);
        Assert.Equal(missedAndLive, byQuery.Ids);
        Assert.Equal(watcher.Ids.Distinct(), watcher.Ids);
        var log = await Api.Get<IEventLog>().ReadAfterAsync(lastSeen, 1000, CancellationToken.None);
        Assert.Equal(log.Select(e => e.Id), resumed.Ids); // the stream's ids are the log's, every one
        Assert.Equal(log.Select(e => e.Type), resumed.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_failing_run_reaches_the_stream_as_run_recorded_with_status_Error()
    {
        var offline = await StartHostAsync([]); // no demo: the price sources refuse connections
        await using var client = await EventStreamClient.ConnectAsync(offline);

        var run = Assert.Single((await offline.Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK).Json["runs"]!.AsArray())!;

        var recorded = await client.WaitForAsync(EventTypes.RunRecorded);
        Assert.Equal("Error", (string?)run["status"]);
        Assert.Equal((long?)run["id"], (long?)recorded.Data["id"]);
        Assert.Equal("Error", (string?)recorded.Data["status"]);
    }

    [Fact]
    public async Task A_quiet_stream_carries_a_keep_alive_comment_every_15_seconds()
    {
        await using var client = await EventStreamClient.ConnectAsync(Api);

        Api.Time.Advance(EventsApi.KeepAlive);
        await client.WaitForCommentAsync("keep-alive");
        Api.Time.Advance(EventsApi.KeepAlive);
        await client.WaitForCommentAsync("keep-alive", count: 2);

        Assert.Empty(client.Events);
        Assert.False(client.Ended.IsCompleted);
    }
}

public sealed class SqliteEventStreamTests() : EventStreamTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresEventStreamTests(PostgresFixture postgres) : EventStreamTests(new PostgresDatabaseFactory(postgres))
{
    [Fact]
    public async Task An_acknowledgement_made_through_one_instance_reaches_a_client_of_another_on_the_same_database()
    {
        var database = await new PostgresDatabaseFactory(postgres).CreateAsync();
        await using var _ = database;
        var demo = new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" };
        await using var a = await ApiHost.StartAsync(database, demo);
        await using var b = await ApiHost.StartAsync(database, demo);
        var before = await b.Get<IEventLog>().LatestIdAsync(CancellationToken.None);
        await using var clientOfB = await EventStreamClient.ConnectAsync(b);

        var alert = await Scenarios.BreachAsync(a.Client);
        (await a.Client.Post($"api/alerts/{alert}/acknowledge")).Is(HttpStatusCode.OK);

        // B's clock never moves, so B's tail never polls: B hears A's commits (LISTEN/NOTIFY) or nothing.
        var raised = await clientOfB.WaitForAsync(EventTypes.AlertRaised, e => (long?)e.Data["id"] == alert);
        var acknowledged = await clientOfB.WaitForAsync(EventTypes.AlertAcknowledged, e => (long?)e.Data["id"] == alert);
        Assert.Equal(Scenarios.NearLiquidation, (string?)acknowledged.Data["subject"]);
        Assert.NotNull((string?)acknowledged.Data["acknowledged_at"]);
        Assert.True(acknowledged.Id > raised.Id);
        var log = await a.Get<IEventLog>().ReadAfterAsync(before, 1000, CancellationToken.None);
        Assert.Equal(log.Select(e => e.Id), clientOfB.Ids); // every event A made, in order, once
    }
}
