using MonitorCore.Events;
using MonitorCore.Hosting.Events;

namespace MonitorCore.Hosting.Tests.Events;

/// <summary>
/// A subscriber of the event stream that collects what it gets on a task of its own. Tests wait for
/// counts and signals (with a generous timeout), never for the clock.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<MonitorEvent> _events = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    private Subscriber(IEventStream stream, long? afterId) => Ended = Task.Run(() => RunAsync(stream, afterId));

    /// <summary>Completes when the stream ends on its own (dropped, service stopped) or is disposed.</summary>
    public Task Ended { get; }

    public IReadOnlyList<MonitorEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<long> Ids => [.. Events.Select(e => e.Id)];

    /// <summary>Subscribes without waiting (a backlog is read first).</summary>
    public static Subscriber Start(IEventStream stream, long? afterId) => new(stream, afterId);

    /// <summary>Subscribes and waits until the subscriber takes live events.</summary>
    public static async Task<Subscriber> AttachAsync(EventStream stream, long? afterId)
    {
        var attached = stream.NextAttach;
        var subscriber = new Subscriber(stream, afterId);
        await Task.WhenAny(attached, subscriber.Ended).WaitAsync(Patience);
        Assert.True(attached.IsCompleted, "the subscriber ended before it took live events");
        return subscriber;
    }

    /// <summary>Waits until the subscriber has <paramref name="count"/> events (or its stream ended); returns them.</summary>
    public async Task<IReadOnlyList<MonitorEvent>> WaitForAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_events.Count >= count)
            {
                return [.. _events];
            }

            _waiters.Add((count, done));
        }

        await Task.WhenAny(done.Task, Ended).WaitAsync(Patience);
        return Events;
    }

    private async Task RunAsync(IEventStream stream, long? afterId)
    {
        try
        {
            await foreach (var e in stream.SubscribeAsync(afterId, _stop.Token))
            {
                lock (_lock)
                {
                    _events.Add(e);
                    foreach (var waiter in _waiters.Where(w => w.Count <= _events.Count))
                    {
                        waiter.Done.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Ended.WaitAsync(Patience);
        _stop.Dispose();
    }
}
