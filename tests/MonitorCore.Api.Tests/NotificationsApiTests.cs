using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>The outbox (list, filters, retry) and the channels (list, test).</summary>
public abstract class NotificationsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private const string TwilioNote = "not sent: set Notifications:Twilio:AccountSid";

    private async Task<JsonArray> NotificationsAsync(string query = "") =>
        (await Client.Get("api/notifications" + query)).Is(HttpStatusCode.OK).Json["notifications"]!.AsArray();

    [Fact]
    public async Task Channels_are_listed_with_whether_each_can_send_and_what_to_configure()
    {
        var channels = (await Client.Get("api/channels")).Is(HttpStatusCode.OK).Json["channels"]!.AsArray();

        Assert.Equal(["email", "slack", "sms", "sound", "voice", "webhook"], channels.Select(c => (string)c!["name"]!));
        var sms = channels.Single(c => (string?)c!["name"] == "sms")!;
        Assert.False((bool?)sms["configured"]);
        Assert.StartsWith("set Notifications:Twilio:AccountSid", (string?)sms["not_configured_reason"], StringComparison.Ordinal);
        Assert.True((bool?)channels.Single(c => (string?)c!["name"] == "sound")!["configured"]);
    }

    [Fact]
    public async Task A_test_through_an_unconfigured_channel_answers_skipped_with_the_note_and_is_recorded()
    {
        var reply = (await Client.Post("api/channels/SMS/test", new { level = "high" })).Is(HttpStatusCode.OK).Json;

        Assert.Equal("SKIPPED", (string?)reply["result"]!["status"]);
        Assert.StartsWith(TwilioNote, (string?)reply["result"]!["error"], StringComparison.Ordinal);
        Assert.Equal("xcom_monitor", (string?)reply["run"]!["monitor_name"]);
        Assert.Equal("Warning", (string?)reply["run"]!["status"]);
        var row = Assert.Single(await NotificationsAsync())!;
        Assert.Equal((long?)reply["result"]!["notification_id"], (long?)row["id"]);
        Assert.Equal("HIGH", (string?)row["level"]);
        Assert.Equal("SKIPPED", (string?)row["status"]);
        Assert.Equal((long?)reply["run"]!["id"], (long?)Assert.Single((await Client.Get("api/ledger")).Json["entries"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task A_test_through_an_unknown_channel_is_a_400_problem_with_the_nearest_name()
    {
        var problem = (await Client.Post("api/channels/smss/test")).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("channel", (string?)problem["field"]);
        Assert.Contains("Did you mean 'sms'?", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty(await NotificationsAsync());
    }

    [Fact]
    public async Task The_outbox_filters_by_status()
    {
        await Client.Post("api/channels/email/test");
        await Client.Post("api/channels/slack/test");
        await Scenarios.BreachAsync(Client);
        await Api.SettleOutboxAsync();

        var all = await NotificationsAsync("?limit=1000");
        var skipped = await NotificationsAsync("?status=skipped&limit=1000");
        Assert.All(skipped, n => Assert.Equal("SKIPPED", (string?)n!["status"]));
        Assert.Equal(all.Count(n => (string?)n!["status"] == "SKIPPED"), skipped.Count);
        Assert.Contains(skipped, n => (string?)n!["channel"] == "slack");
        var sent = await NotificationsAsync("?status=SENT");
        Assert.NotEmpty(sent);
        Assert.All(sent, n => Assert.Equal("sound", (string?)n!["channel"])); // the HIGH alert rang the bell; nothing else can send
        Assert.Empty(await NotificationsAsync("?status=dead"));

        Assert.Equal("status", (string?)(await Client.Get("api/notifications?status=lost")).Problem(HttpStatusCode.BadRequest)["field"]);
        Assert.Equal("limit", (string?)(await Client.Get("api/notifications?limit=0")).Problem(HttpStatusCode.BadRequest)["field"]);
    }

    [Fact]
    public async Task The_outbox_filters_by_alert_id()
    {
        await Client.Post("api/channels/email/test");
        var alert = await Scenarios.BreachAsync(Client);
        await Api.SettleOutboxAsync();

        var all = await NotificationsAsync("?limit=1000");
        var ofAlert = await NotificationsAsync($"?alert_id={alert}&limit=1000");

        Assert.Equal(
            all.Where(n => n!["alert_ids"]!.AsArray().Any(a => (long?)a == alert)).Select(n => (long)n!["id"]!),
            ofAlert.Select(n => (long)n!["id"]!));
        Assert.NotEmpty(ofAlert);
        Assert.True(ofAlert.Count < all.Count, "the channel test carries no alert");
        Assert.Empty(await NotificationsAsync($"?alert_id={alert + 1000}"));
        Assert.Equal(2, (await NotificationsAsync($"?alert_id={alert}&status=skipped")).Count); // sms and voice; the sound was sent
        (await Client.Get("api/notifications?alert_id=first")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Retrying_a_skipped_notification_makes_it_due_now_and_the_dispatcher_sends_it_again()
    {
        var id = (long)(await Client.Post("api/channels/sms/test")).Json["result"]!["notification_id"]!;
        Api.Time.Advance(TimeSpan.FromMinutes(5));

        var reply = (await Client.Post($"api/notifications/{id}/retry")).Is(HttpStatusCode.OK).Json;

        Assert.Equal(id, (long?)reply["id"]);
        var due = Assert.Single(await NotificationsAsync("?status=pending"))!;
        Assert.Equal(id, (long?)due["id"]);
        Assert.Equal(ApiHost.T0.AddMinutes(5), DateTimeOffset.Parse((string)due["next_attempt_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, (int?)(await Client.Get("metrics")).Body.Split('\n').Count(l => l == "monitorcore_outbox_due 1"));
        (await Client.Post($"api/notifications/{id}/retry")).Problem(HttpStatusCode.NotFound); // pending: nothing to retry

        await Api.SettleOutboxAsync();
        var again = Assert.Single(await NotificationsAsync())!;
        Assert.Equal("SKIPPED", (string?)again["status"]);
        Assert.StartsWith(TwilioNote, (string?)again["last_error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_a_notification_that_does_not_exist_is_a_404_problem() =>
        Assert.Equal("id", (string?)(await Client.Post("api/notifications/424242/retry")).Problem(HttpStatusCode.NotFound)["field"]);
}

public sealed class SqliteNotificationsApiTests() : NotificationsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresNotificationsApiTests(PostgresFixture postgres) : NotificationsApiTests(new PostgresDatabaseFactory(postgres));
