using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Events;
using MonitorCore.Json;

namespace MonitorCore.Api.Endpoints;

/// <summary>
/// <c>GET /api/events</c>: the live events as server-sent events (<c>id</c>, <c>event</c>, <c>data</c>). A client that
/// reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets every event after that id first, without a gap.
/// A comment line every 15 s keeps proxies from closing a quiet stream.
/// </summary>
public static class EventsApi
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly ConditionalWeakTable<MonitorEvent, byte[]> Encoded = new();

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", StreamAsync).WithTags("events").WithName("Events")
            .WithSummary($"Server-sent events: {string.Join(", ", EventTypes.All)}. Resume with Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    public static async Task StreamAsync(
        HttpContext context, [FromServices] IEventStream stream, [FromServices] IEventLog log, [FromServices] TimeProvider time, long? after = null)
    {
        var cancellationToken = context.RequestAborted;
        var resume = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);

        // A new client starts after the newest event at the moment it asked, fixed before anything is written back:
        // an event committed while the connection is set up is then part of its backlog, not lost.
        resume ??= await log.LatestIdAsync(cancellationToken);
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        using var gate = new SemaphoreSlim(1, 1);
        Task WriteAsync(string text) => WriteBytesAsync(Encoding.UTF8.GetBytes(text));
        async Task WriteBytesAsync(ReadOnlyMemory<byte> bytes)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await response.Body.WriteAsync(bytes, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }

        // The keep-alive period counts from the connection: its timer is set before the client hears anything.
        using var timer = new PeriodicTimer(KeepAlive, time);
        await WriteAsync("retry: 2000\n: connected\n\n");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = KeepAliveAsync(WriteAsync, timer, stop.Token);
        try
        {
            await foreach (var e in stream.SubscribeAsync(resume, cancellationToken))
            {
                await WriteBytesAsync(Encode(e));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
        }
    }

    /// <summary>
    /// An event in the wire format, made once however many clients it goes to: the stream hands every live subscriber the
    /// same <see cref="MonitorEvent"/>, so a thousand clients cost one serialisation, not a thousand.
    /// </summary>
    public static byte[] Encode(MonitorEvent e)
    {
        if (Encoded.TryGetValue(e, out var bytes))
        {
            return bytes;
        }

        lock (e) // one serialisation at a time: data read back from the log is parsed lazily, and not thread-safely
        {
            return Encoded.GetValue(e, static x => Encoding.UTF8.GetBytes(Format(x)));
        }
    }

    /// <summary>One event in the wire format: id, event type, and the JSON data on one line.</summary>
    public static string Format(MonitorEvent e) =>
        $"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(new { e.Id, e.Type, e.At, e.Data }, MonitorCoreJson.Options)}\n\n";

    private static async Task KeepAliveAsync(Func<string, Task> write, PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await write(": keep-alive\n\n");
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }
}
