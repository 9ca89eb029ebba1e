using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Events;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Events;
using Npgsql;

namespace MonitorCore.Hosting.Tests.Events;

/// <summary>
/// The live stream on PostgreSQL: another instance's commit is heard by LISTEN/NOTIFY (the fake clock never
/// moves, so the poll never runs), a transaction that commits after one with a higher id loses nothing,
/// and a broken listening connection is listened again.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresEventStreamTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<MonitorCoreApp> _apps = [];
    private string _connection = null!;

    public async Task InitializeAsync() => _connection = await postgres.Server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.Services.GetRequiredService<EventTail>().StopAsync(default);
            await app.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>An instance of Monitor Core on the test's database, its tail started.</summary>
    private async Task<MonitorCoreApp> InstanceAsync(bool tail = true)
    {
        var settings = OfflineSources.Settings();
        settings["Database:Connection"] = _connection;
        var app = MonitorCoreApp.Build(
            new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: settings),
            services => services.AddSingleton<TimeProvider>(_time));
        _apps.Add(app);
        await app.InitializeDatabaseAsync(default);
        if (tail)
        {
            var listening = app.Services.GetRequiredService<EventTail>().NextListening;
            await app.Services.GetRequiredService<EventTail>().StartedAsync();
            await listening.WaitAsync(Subscriber.Patience);
        }

        return app;
    }

    private static NewEvent Event(int n) => new(EventTypes.SettingsChanged, new JsonObject { ["n"] = n });

    private static Task<IReadOnlyList<MonitorEvent>> AppendAsync(MonitorCoreApp app, int n) =>
        app.Services.GetRequiredService<IEventLog>().AppendAsync([Event(n)], default);

    /// <summary>Inserts an event in a transaction the test holds open (as a slow instance would); returns its id.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Id)> BeginSlowAppendAsync()
    {
        var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO events (type, at, data) VALUES ('settings_changed', now(), '{\"n\": 0}') RETURNING id", connection, transaction);
        return (connection, transaction, (long)(await insert.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_event_committed_on_one_instance_reaches_a_subscriber_of_another_at_once()
    {
        var a = await InstanceAsync(tail: false);
        var b = await InstanceAsync();
        await using var subscriber = await Subscriber.AttachAsync(b.Services.GetRequiredService<EventStream>(), null);

        var appended = await AppendAsync(a, 1);

        var received = Assert.Single(await subscriber.WaitForAsync(1));
        Assert.Equal(appended[0].Id, received.Id);
        Assert.Equal(1, (int?)received.Data["n"]);
    }

    [Fact]
    public async Task A_transaction_that_commits_after_one_with_a_higher_id_is_not_skipped()
    {
        var app = await InstanceAsync();
        var stream = app.Services.GetRequiredService<EventStream>();
        var tail = app.Services.GetRequiredService<EventTail>();
        await using var subscriber = await Subscriber.AttachAsync(stream, null);

        var (connection, transaction, lower) = await BeginSlowAppendAsync();
        await using (connection)
        {
            var higher = (await AppendAsync(app, 1))[0].Id; // commits first
            Assert.Equal(lower + 1, higher);
            await tail.UntilAsync(() => tail.HighestSeen >= higher); // the tail has read it…
            Assert.Empty(subscriber.Events); // …and holds it back behind the missing id
            Assert.Equal(lower - 1, stream.Watermark);
            await using var late = await Subscriber.AttachAsync(stream, null); // from the newest id committed: the higher one

            await using (var notify = new NpgsqlCommand("SELECT pg_notify('monitorcore_events', '')", connection, transaction))
            {
                await notify.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();

            var events = await subscriber.WaitForAsync(2);
            Assert.Equal([lower, higher], events.Select(e => e.Id));
            Assert.Equal([0, 1], events.Select(e => (int?)e.Data["n"]));

            var after = (await AppendAsync(app, 2))[0].Id;
            Assert.Equal([after], (await late.WaitForAsync(1)).Select(e => e.Id)); // the ones up to its start are not sent again
        }

        // A client that had seen what came before them resumes with each of them, in order.
        await using var resumed = await Subscriber.AttachAsync(stream, lower - 1);
        Assert.Equal([lower, lower + 1, lower + 2], (await resumed.WaitForAsync(3)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_id_that_never_commits_is_given_up_after_the_grace_and_the_later_ones_follow()
    {
        var app = await InstanceAsync();
        var stream = app.Services.GetRequiredService<EventStream>();
        var tail = app.Services.GetRequiredService<EventTail>();
        await using var subscriber = await Subscriber.AttachAsync(stream, null);
        var (connection, transaction, lost) = await BeginSlowAppendAsync();
        await transaction.RollbackAsync();
        await connection.DisposeAsync();

        var next = (await AppendAsync(app, 1))[0].Id;
        Assert.Equal(lost + 1, next);
        await tail.UntilAsync(() => tail.HighestSeen >= next);
        Assert.Empty(subscriber.Events);

        _time.Advance(app.Services.GetRequiredService<IOptions<EventStreamOptions>>().Value.MissingIdGrace);

        Assert.Equal([next], (await subscriber.WaitForAsync(1)).Select(e => e.Id));
        Assert.Equal(next, stream.Watermark);
    }

    [Fact]
    public async Task A_broken_listening_connection_is_listened_again_and_hears_the_next_commit()
    {
        var a = await InstanceAsync(tail: false);
        var b = await InstanceAsync();
        var tail = b.Services.GetRequiredService<EventTail>();
        await using var subscriber = await Subscriber.AttachAsync(b.Services.GetRequiredService<EventStream>(), null);

        var listening = tail.NextListening;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connection) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'monitorcore-events' AND datname = current_database()",
                admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await listening.WaitAsync(Subscriber.Patience);
        var appended = await AppendAsync(a, 1);

        Assert.Equal([appended[0].Id], (await subscriber.WaitForAsync(1)).Select(e => e.Id));
    }
}
