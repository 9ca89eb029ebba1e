using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Events;

namespace MonitorCore.Hosting.Events;

/// <summary>
/// The live event stream of this process (<see cref="IEventStream"/>). The one tail (<see cref="EventTail"/>)
/// reads each new event from the log once and hands it here, in id order; this fans it out in memory to
/// every subscriber through a bounded channel of its own, so a thousand subscribers cost no more queries
/// than one. A subscriber first catches up from the database (ids above its own, up to what the tail has
/// handed on, in pages), then takes the live events, skipping by id what it already had: no gap, no
/// duplicate. A subscriber whose buffer is full is dropped: its stream ends, and it resumes with the last
/// id it saw (the API's <c>Last-Event-ID</c>).
/// </summary>
public sealed partial class EventStream(IEventLog log, IOptions<EventStreamOptions> options, ILogger<EventStream> logger) : IEventStream
{
    private readonly Lock _lock = new();
    private readonly HashSet<Subscriber> _subscribers = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _watermark;
    private bool _stopped;

    /// <summary>Completes when the next subscriber takes live events (tests wait for their subscribers).</summary>
    internal Task NextAttach => Volatile.Read(ref _attached).Task;

    /// <summary>Every id up to this one has been handed to the subscribers, or was given up as never committed.</summary>
    public long Watermark
    {
        get
        {
            lock (_lock)
            {
                return _watermark;
            }
        }
    }

    /// <summary>How many subscribers take live events now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// The events after <paramref name="afterId"/> (after the newest id at the time of the call when null),
    /// then each new one, until cancelled, the subscriber falls behind, or the service stops. Waits for the
    /// tail to start.
    /// </summary>
    public async IAsyncEnumerable<MonitorEvent> SubscribeAsync(long? afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        var pageSize = options.Value.PageSize;
        var last = afterId ?? await log.LatestIdAsync(cancellationToken);
        Subscriber? subscriber = null;
        try
        {
            while (subscriber is null)
            {
                // The backlog, from the database, up to what the tail has handed on (above it, an id may still be missing).
                var target = Watermark;
                while (last < target)
                {
                    var page = await log.ReadAfterAsync(last, pageSize, cancellationToken);
                    foreach (var e in page.TakeWhile(e => e.Id <= target))
                    {
                        last = e.Id;
                        yield return e;
                    }

                    if (page.Count < pageSize || page[^1].Id > target)
                    {
                        last = Math.Max(last, target); // nothing else up to the target was committed
                    }
                }

                var (attached, stopped) = TryAttach(last);
                if (stopped)
                {
                    yield break;
                }

                subscriber = attached; // null: the tail moved on while this caught up; catch up again
            }

            await foreach (var e in subscriber.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (e.Id > last)
                {
                    last = e.Id;
                    yield return e;
                }
            }
        }
        finally
        {
            if (subscriber is not null)
            {
                Detach(subscriber);
            }
        }
    }

    /// <summary>The tail starts after <paramref name="watermark"/>: subscribers may come.</summary>
    internal void Start(long watermark)
    {
        lock (_lock)
        {
            _watermark = watermark;
            _stopped = false;
        }

        _started.TrySetResult();
    }

    /// <summary>Hands an event to every subscriber (the tail calls it in id order); a subscriber whose buffer is full is dropped.</summary>
    internal void Publish(MonitorEvent e)
    {
        List<Subscriber>? dropped = null;
        lock (_lock)
        {
            _watermark = e.Id;
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.Channel.Writer.TryWrite(e))
                {
                    subscriber.Channel.Writer.TryComplete();
                    (dropped ??= []).Add(subscriber);
                }
            }

            if (dropped is not null)
            {
                _subscribers.ExceptWith(dropped);
            }
        }

        foreach (var _ in dropped ?? [])
        {
            LogDropped(logger, options.Value.SubscriberBuffer, e.Id);
        }
    }

    /// <summary>The tail stopped (the service is stopping): every live stream ends.</summary>
    internal void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Channel.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    /// <summary>Takes a subscriber on when it has caught up with the tail (under the lock, so no event falls between).</summary>
    private (Subscriber? Subscriber, bool Stopped) TryAttach(long last)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return (null, true);
            }

            if (_watermark > last)
            {
                return (null, false);
            }

            var subscriber = new Subscriber(options.Value.SubscriberBuffer);
            _subscribers.Add(subscriber);
            Interlocked.Exchange(ref _attached, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return (subscriber, false);
        }
    }

    private void Detach(Subscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }

        subscriber.Channel.Writer.TryComplete();
    }

    private sealed class Subscriber(int buffer)
    {
        public Channel<MonitorEvent> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<MonitorEvent>(
            new BoundedChannelOptions(buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning,
        Message = "A subscriber of the event stream fell {Buffer} events behind at event {Id} and was dropped; it resumes with its last id")]
    private static partial void LogDropped(ILogger logger, int buffer, long id);
}
