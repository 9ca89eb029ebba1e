using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MonitorCore.Events;

namespace MonitorCore.Dashboard.Tests;

/// <summary>
/// An event stream the test feeds, behind the real <c>GET /api/events</c> (its wire format, its resume): what the
/// dashboard needs from the stream, while the stored event log is built elsewhere.
/// </summary>
public sealed class TestEventStream : IEventStream
{
    private readonly Lock _gate = new();
    private readonly List<MonitorEvent> _log = [];
    private readonly List<Channel<MonitorEvent>> _subscribers = [];
    private readonly TaskCompletionSource _firstSubscriber = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many clients are connected now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public Task FirstSubscriber => _firstSubscriber.Task;

    public MonitorEvent Publish(string type, JsonObject data)
    {
        lock (_gate)
        {
            var e = new MonitorEvent(_log.Count + 1, type, DateTimeOffset.UnixEpoch.AddSeconds(_log.Count), data);
            _log.Add(e);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }

            return e;
        }
    }

    /// <summary>Ends every open stream, as a restart of the service or a dropped connection would.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }
    }

    public async IAsyncEnumerable<MonitorEvent> SubscribeAsync(long? afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<MonitorEvent>();
        lock (_gate)
        {
            foreach (var e in _log.Where(e => afterId is { } after && e.Id > after))
            {
                channel.Writer.TryWrite(e);
            }

            _subscribers.Add(channel);
        }

        _firstSubscriber.TrySetResult();
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
