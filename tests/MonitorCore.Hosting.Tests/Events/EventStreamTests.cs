using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Events;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Events;

namespace MonitorCore.Hosting.Tests.Events;

/// <summary>
/// The live stream on SQLite: one tail per process, fan-out to subscribers, resume after an id, slow
/// subscribers dropped, another process on the same file seen by the poll. The clock is fake and is moved
/// only where a test says so: events that arrive without it came by the in-process signal.
/// </summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync()
    {
        await _host.Get<EventTail>().StopAsync(default);
        await _host.DisposeAsync();
    }

    private static async Task<TestHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = await TestHost.StartAsync(settings ?? [], services: services);
        await host.Get<EventTail>().StartedAsync();
        return host;
    }

    private EventStream Stream => _host.Get<EventStream>();

    private IEventLog Log => _host.Get<IEventLog>();

    private static NewEvent Event(int n) => new(EventTypes.SettingsChanged, new JsonObject { ["n"] = n });

    private async Task<long> AppendAsync(int n) => (await Log.AppendAsync([Event(n)], default))[0].Id;

    [Fact]
    public async Task A_subscriber_gets_live_events_in_order_at_once_from_the_newest_id_at_the_time_it_subscribed()
    {
        await AppendAsync(-2);
        await AppendAsync(-1);
        var subscriber = await Subscriber.AttachAsync(Stream, null);

        long[] ids = [await AppendAsync(1), await AppendAsync(2)];
        var run = await _host.RunAsync("price_monitor");

        var events = await subscriber.WaitForAsync(3);
        Assert.Equal(3, events.Count);
        Assert.Equal([ids[0], ids[1], ids[1] + 1], events.Select(e => e.Id));
        Assert.Equal([1, 2], events.Take(2).Select(e => (int?)e.Data["n"]));
        Assert.Equal(EventTypes.RunRecorded, events[2].Type);
        Assert.Equal(run.Id, (long?)events[2].Data["id"]);

        await _host.Get<EventTail>().StopAsync(default); // the service stops: every live stream ends
        await subscriber.Ended.WaitAsync(Subscriber.Patience);
        Assert.Equal(0, Stream.SubscriberCount);
    }

    [Fact]
    public async Task A_subscriber_resuming_after_id_n_gets_exactly_the_later_ones_including_those_committed_while_it_was_away()
    {
        await using var host = await StartAsync(new() { ["Events:PageSize"] = "2" });
        var stream = host.Get<EventStream>();
        var log = host.Get<IEventLog>();
        var first = await Subscriber.AttachAsync(stream, null);
        for (var i = 1; i <= 3; i++)
        {
            await log.AppendAsync([Event(i)], default);
        }

        var n = (await first.WaitForAsync(3))[^1].Id;
        await first.DisposeAsync(); // the client goes away after id n

        var away = new List<long>();
        for (var i = 4; i <= 8; i++)
        {
            away.Add((await log.AppendAsync([Event(i)], default))[0].Id);
        }

        await host.Get<EventTail>().UntilAsync(() => stream.Watermark >= away[^1]);
        await using var resumed = await Subscriber.AttachAsync(stream, n); // Last-Event-ID: n
        long[] live = [(await log.AppendAsync([Event(9)], default))[0].Id, (await log.AppendAsync([Event(10)], default))[0].Id];

        var events = await resumed.WaitForAsync(7);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => n + i), events.Select(e => e.Id));
        Assert.Equal([.. away, .. live], events.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(4, 7), events.Select(e => (int)e.Data["n"]!));
        await host.Get<EventTail>().StopAsync(default);
    }

    [Fact]
    public async Task A_subscriber_catching_up_while_events_keep_coming_gets_each_once_in_order()
    {
        await using var host = await StartAsync(new() { ["Events:PageSize"] = "3" });
        var log = host.Get<IEventLog>();
        var start = await log.LatestIdAsync(default);
        for (var i = 0; i < 40; i++)
        {
            await log.AppendAsync([Event(i)], default);
        }

        var appending = Task.Run(async () =>
        {
            for (var i = 40; i < 200; i++)
            {
                await log.AppendAsync(i % 7 == 0 ? [Event(i), Event(i + 1000)] : [Event(i)], default);
            }
        });
        await using var subscriber = Subscriber.Start(host.Get<EventStream>(), start); // its backlog grows while it reads it
        await appending;
        var expected = await log.LatestIdAsync(default) - start;

        var events = await subscriber.WaitForAsync((int)expected);
        Assert.Equal(Enumerable.Range(1, (int)expected).Select(i => start + i), events.Select(e => e.Id));
        await host.Get<EventTail>().StopAsync(default);
    }

    [Fact]
    public async Task A_subscriber_too_slow_to_keep_up_is_dropped_without_holding_the_others_and_resumes_after_its_last_id()
    {
        await using var host = await StartAsync(new() { ["Events:SubscriberBuffer"] = "2" });
        var stream = host.Get<EventStream>();
        var log = host.Get<IEventLog>();
        var start = await log.LatestIdAsync(default);
        var fast = await Subscriber.AttachAsync(stream, start);
        await using var slow = stream.SubscribeAsync(start, default).GetAsyncEnumerator();
        var attached = stream.NextAttach;
        var firstMove = slow.MoveNextAsync(); // takes one event, then reads no more
        await attached.WaitAsync(Subscriber.Patience);
        Assert.Equal(2, stream.SubscriberCount);

        for (var i = 1; i <= 6; i++)
        {
            await log.AppendAsync([Event(i)], default);
            Assert.Equal(i, (await fast.WaitForAsync(i)).Count);
        }

        Assert.Equal(1, stream.SubscriberCount);
        var got = new List<long>();
        if (await firstMove)
        {
            got.Add(slow.Current.Id);
            while (await slow.MoveNextAsync())
            {
                got.Add(slow.Current.Id);
            }
        }

        Assert.InRange(got.Count, 1, 5); // what its buffer held, then its stream ended
        Assert.Equal(Enumerable.Range(1, got.Count).Select(i => start + i), got);

        await using var resumed = Subscriber.Start(stream, got[^1]);
        var rest = await resumed.WaitForAsync(6 - got.Count);
        Assert.Equal(Enumerable.Range(got.Count + 1, 6 - got.Count).Select(i => start + i), rest.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => start + i), fast.Ids);
        await fast.DisposeAsync();
        await host.Get<EventTail>().StopAsync(default);
    }

    [Fact]
    public async Task A_thousand_subscribers_cost_one_read_per_event_not_one_each()
    {
        CountingEventLog? counting = null;
        await using var host = await StartAsync(services: services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IEventLog));
            services.AddSingleton<IEventLog>(sp => counting = new CountingEventLog((IEventLog)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        });
        var stream = host.Get<EventStream>();
        var log = host.Get<IEventLog>();
        var start = await log.LatestIdAsync(default);
        var subscribers = Enumerable.Range(0, 1000).Select(_ => Subscriber.Start(stream, start)).ToList();
        while (true)
        {
            var attached = stream.NextAttach;
            if (stream.SubscriberCount == 1000)
            {
                break;
            }

            await attached.WaitAsync(Subscriber.Patience);
        }

        var readsBefore = counting!.Reads;
        for (var i = 1; i <= 20; i++)
        {
            await log.AppendAsync([Event(i)], default);
        }

        foreach (var subscriber in subscribers)
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(i => start + i), (await subscriber.WaitForAsync(20)).Select(e => e.Id));
        }

        Assert.InRange(counting.Reads - readsBefore, 1, 40); // the tail's reads, one per wake at most; never per subscriber
        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync();
        }

        Assert.Equal(0, stream.SubscriberCount);
        await host.Get<EventTail>().StopAsync(default);
    }

    [Fact]
    public async Task An_event_appended_by_another_process_on_the_same_sqlite_file_reaches_a_subscriber_by_the_poll()
    {
        using var folder = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        MonitorCoreApp Build() => MonitorCoreApp.Build(
            new HostSettings(folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()),
            services => services.AddSingleton<TimeProvider>(time));
        await using var a = Build();
        await using var b = Build();
        await a.InitializeDatabaseAsync(default);
        await b.InitializeDatabaseAsync(default);
        var tail = b.Services.GetRequiredService<EventTail>();
        await tail.StartedAsync();
        await using var subscriber = await Subscriber.AttachAsync(b.Services.GetRequiredService<EventStream>(), null);

        // B's tail waits for its poll (its timer set when it went idle): A's append does not wake it.
        var appended = await a.Services.GetRequiredService<IEventLog>().AppendAsync([Event(1)], default);
        Assert.Empty(subscriber.Events);
        time.Advance(b.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventStreamOptions>>().Value.PollInterval);

        var received = Assert.Single(await subscriber.WaitForAsync(1));
        Assert.Equal(appended[0].Id, received.Id);
        await tail.StopAsync(default);
    }

    /// <summary>Counts the reads of the event log.</summary>
    private sealed class CountingEventLog(IEventLog inner) : IEventLog
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<IReadOnlyList<MonitorEvent>> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken) => inner.AppendAsync(events, cancellationToken);

        public Task<IReadOnlyList<MonitorEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAfterAsync(afterId, limit, cancellationToken);
        }

        public Task<long> LatestIdAsync(CancellationToken cancellationToken) => inner.LatestIdAsync(cancellationToken);

        public Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.PruneAsync(cutoff, cancellationToken);

        public Task<bool> ListenAsync(Action listening, Action committed, CancellationToken cancellationToken) => inner.ListenAsync(listening, committed, cancellationToken);
    }
}
