using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>One server-sent event as a client reads it off the wire: <c>id</c>, <c>event</c> and the JSON of <c>data</c>.</summary>
public sealed record StreamEvent(long Id, string Type, JsonObject Json)
{
    /// <summary>What happened (the alert, the ledger row…): the <c>data</c> member of the event's JSON.</summary>
    public JsonObject Data => Json["data"]!.AsObject();

    public override string ToString() => $"{Id} {Type}";
}

/// <summary>
/// A client of <c>GET /api/events</c> over a real HTTP connection, reading the stream as a browser's <c>EventSource</c>
/// does (fields, comments, a blank line ends an event) on a task of its own. Tests wait for what they expect with a
/// deadline (<see cref="Patience"/>), never for the clock; a missed deadline fails with what the stream did carry.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<StreamEvent> _events = [];
    private readonly List<string> _comments = [];
    private TaskCompletionSource _changed = New();

    private EventStreamClient(HttpClient http, HttpResponseMessage response, Stream body)
    {
        _http = http;
        _response = response;
        Ended = Task.Run(() => ReadAsync(body));
    }

    /// <summary>Completes when the server ends the stream (or the client is disposed).</summary>
    public Task Ended { get; }

    /// <summary>The <c>retry:</c> the server asked for, in milliseconds.</summary>
    public int? Retry { get; private set; }

    public IReadOnlyList<StreamEvent> Events
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

    public IReadOnlyList<string> Comments
    {
        get
        {
            lock (_lock)
            {
                return [.. _comments];
            }
        }
    }

    /// <summary>
    /// Connects (with <c>Last-Event-ID</c> when <paramref name="lastEventId"/> is given) and waits for the server's
    /// <c>: connected</c>: from then on every event committed is the client's to read.
    /// </summary>
    public static async Task<EventStreamClient> ConnectAsync(ApiHost host, long? lastEventId = null, string path = "api/events")
    {
        var http = host.NewClient();
        http.Timeout = Timeout.InfiniteTimeSpan;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (lastEventId is { } id)
            {
                request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            var client = new EventStreamClient(http, response, await response.Content.ReadAsStreamAsync());
            await client.WaitForCommentAsync("connected");
            return client;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Waits until an event of <paramref name="type"/> that <paramref name="match"/> holds for has come; returns it.</summary>
    public async Task<StreamEvent> WaitForAsync(string type, Func<StreamEvent, bool>? match = null)
    {
        var events = await WaitUntilAsync(
            got => got.Any(e => e.Type == type && (match?.Invoke(e) ?? true)), $"an event '{type}'");
        return events.First(e => e.Type == type && (match?.Invoke(e) ?? true));
    }

    /// <summary>Waits until the event with id <paramref name="id"/> has come; returns every event so far.</summary>
    public Task<IReadOnlyList<StreamEvent>> WaitForIdAsync(long id) =>
        WaitUntilAsync(got => got.Any(e => e.Id >= id), $"the event with id {id}");

    /// <summary>Waits until the comment line <c>: <paramref name="text"/></c> has come <paramref name="count"/> times.</summary>
    public async Task WaitForCommentAsync(string text, int count = 1)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (Comments.Count(c => c == text) >= count)
            {
                return;
            }

            await Next(changed, $"the comment '{text}' ({count} times)", deadline.Token);
        }
    }

    /// <summary>Waits (up to <see cref="Patience"/>) until <paramref name="done"/> holds for the events so far; returns them.</summary>
    public async Task<IReadOnlyList<StreamEvent>> WaitUntilAsync(Func<IReadOnlyList<StreamEvent>, bool> done, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var events = Events;
            if (done(events))
            {
                return events;
            }

            await Next(changed, what, deadline.Token);
        }
    }

    private async Task Next(Task changed, string what, CancellationToken deadline)
    {
        if (Ended.IsCompleted)
        {
            Assert.Fail($"The stream ended before {what} came. It carried: {Describe()}");
        }

        try
        {
            await Task.WhenAny(changed, Ended).WaitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what} did not come within {Patience.TotalSeconds} s. The stream carried: {Describe()}");
        }
    }

    private string Describe() => $"events [{string.Join(", ", Events)}], comments [{string.Join(", ", Comments)}]";

    /// <summary>The stream as the SSE format reads: <c>field: value</c> lines, <c>:</c> comments, a blank line ends an event.</summary>
    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null, type = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        var json = JsonNode.Parse(data.ToString())!.AsObject();
                        Add(() => _events.Add(new StreamEvent(long.Parse(id!, CultureInfo.InvariantCulture), type ?? "message", json)));
                    }

                    type = null;
                    data.Clear();
                    continue;
                }

                if (line[0] == ':')
                {
                    var comment = line[1..].TrimStart(' ');
                    Add(() => _comments.Add(comment));
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? "" : line[(colon + 1)..];
                value = value.StartsWith(' ') ? value[1..] : value;
                switch (field)
                {
                    case "id":
                        id = value;
                        break;
                    case "event":
                        type = value;
                        break;
                    case "data":
                        data.Append(data.Length > 0 ? "\n" : "").Append(value);
                        break;
                    case "retry":
                        Retry = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disconnected by the test (cancelled, or the connection disposed under the read).
        }
        finally
        {
            Interlocked.Exchange(ref _changed, New()).TrySetResult();
        }
    }

    private void Add(Action add)
    {
        lock (_lock)
        {
            add();
        }

        Interlocked.Exchange(ref _changed, New()).TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Disconnects, as a browser tab that closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await Ended.WaitAsync(Patience);
        _http.Dispose();
        _stop.Dispose();
    }
}
