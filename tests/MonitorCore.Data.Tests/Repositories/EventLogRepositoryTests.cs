using System.Text.Json.Nodes;
using MonitorCore.Data.Repositories;
using MonitorCore.Events;

namespace MonitorCore.Data.Tests.Repositories;

public abstract class EventLogRepositoryTests(ITestDatabaseFactory factory) : DatabaseTestBase(factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly EventSignal _signal = new();

    private EventLogRepository Log => new(Database, _time, _signal);

    private static NewEvent Event(string type, int n) => new(type, new JsonObject { ["n"] = n, ["monitor_name"] = "price_monitor" });

    [Fact]
    public async Task Append_gives_growing_ids_and_the_clock_time_and_reads_back_after_an_id_in_pages()
    {
        Assert.Equal(0, await Log.LatestIdAsync(default));
        var first = await Log.AppendAsync([Event(EventTypes.RunRecorded, 1), Event(EventTypes.AlertRaised, 2)], default);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var second = await Log.AppendAsync([Event(EventTypes.SettingsChanged, 3)], default);

        long[] ids = [.. first.Select(e => e.Id), .. second.Select(e => e.Id)];
        Assert.Equal([ids[0], ids[0] + 1, ids[0] + 2], ids);
        Assert.Equal(ids[2], await Log.LatestIdAsync(default));

        var all = await Log.ReadAfterAsync(0, 10, default);
        Assert.Equal(ids, all.Select(e => e.Id));
        Assert.Equal([EventTypes.RunRecorded, EventTypes.AlertRaised, EventTypes.SettingsChanged], all.Select(e => e.Type));
        Assert.Equal([T0, T0, T0.AddSeconds(1.5)], all.Select(e => e.At));
        Assert.Equal(3, (int?)all[2].Data["n"]);
        Assert.Equal("price_monitor", (string?)all[2].Data["monitor_name"]);

        Assert.Equal([ids[1]], (await Log.ReadAfterAsync(ids[0], 1, default)).Select(e => e.Id));
        Assert.Equal([ids[2]], (await Log.ReadAfterAsync(ids[1], 5, default)).Select(e => e.Id));
        Assert.Empty(await Log.ReadAfterAsync(ids[2], 5, default));
    }

    [Fact]
    public async Task An_unknown_type_is_refused_and_nothing_of_its_batch_is_stored()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync([Event(EventTypes.RunRecorded, 1), Event("run_recoded", 2)], default));
        Assert.Contains("'run_recoded'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Log.ReadAfterAsync(0, 10, default));
        Assert.Empty(await Log.AppendAsync([], default));
    }

    [Fact]
    public async Task An_append_wakes_the_tail_of_this_process_after_it_commits()
    {
        var woken = _signal.WaitAsync(default);
        Assert.False(woken.IsCompleted);

        var stored = await Log.AppendAsync([Event(EventTypes.CycleCompleted, 1)], default);

        await woken.WaitAsync(Patience);
        Assert.Single(await Log.ReadAfterAsync(stored[0].Id - 1, 10, default));
    }

    [Fact]
    public async Task Prune_deletes_by_time_and_an_emptied_log_never_gives_an_id_again()
    {
        var old = await Log.AppendAsync([Event(EventTypes.RunRecorded, 1), Event(EventTypes.RunRecorded, 2)], default);
        _time.Advance(TimeSpan.FromDays(10));
        var recent = await Log.AppendAsync([Event(EventTypes.RunRecorded, 3)], default);

        Assert.Equal(2, await Log.PruneAsync(T0.AddDays(5), default));
        Assert.Equal([recent[0].Id], (await Log.ReadAfterAsync(0, 10, default)).Select(e => e.Id));

        Assert.Equal(1, await Log.PruneAsync(T0.AddDays(11), default));
        Assert.Equal(recent[0].Id, await Log.LatestIdAsync(default)); // empty, yet a resuming client is not sent back to 0
        var next = await Log.AppendAsync([Event(EventTypes.RunRecorded, 4)], default);
        Assert.True(next[0].Id > recent[0].Id, $"id {next[0].Id} was given again after the log was emptied (old ids {old[0].Id}, {recent[0].Id})");
    }

    [Fact]
    public async Task Data_that_is_not_an_object_reads_back_as_unreadable_data()
    {
        await using (var connection = await Database.OpenAsync(default))
        {
            await using var command = connection.Command("INSERT INTO events (type, at, data) VALUES ('run_recorded', @at, @data)");
            command.Add("@at", Database.ToDb(T0));
            Database.AddJson(command, "@data", "[1, 2]");
            await command.ExecuteNonQueryAsync();
        }

        var read = Assert.Single(await Log.ReadAfterAsync(0, 10, default));
        Assert.Equal("[1, 2]", (string?)read.Data["unreadable_data"]);
    }

    [Fact]
    public async Task Another_instance_hears_a_commit_where_the_database_can_tell()
    {
        await using var other = Database.Create(Database.Location);
        var otherLog = new EventLogRepository(other, _time, new EventSignal());
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var listener = otherLog.ListenAsync(listening.SetResult, () => heard.TrySetResult(), stop.Token);
        if (Kind == "sqlite")
        {
            Assert.False(await listener.WaitAsync(Patience)); // no notifications: the tail polls
            return;
        }

        await listening.Task.WaitAsync(Patience);
        Assert.False(heard.Task.IsCompleted);
        await Log.AppendAsync([Event(EventTypes.RunRecorded, 1)], default);
        await heard.Task.WaitAsync(Patience);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.WaitAsync(Patience));
    }
}

public sealed class SqliteEventLogRepositoryTests() : EventLogRepositoryTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresEventLogRepositoryTests(PostgresFixture postgres) : EventLogRepositoryTests(new PostgresDatabaseFactory(postgres));
