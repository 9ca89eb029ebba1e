using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>What a watchdog ping after a cycle got: passed or not, how long it took, and why it failed.</summary>
public sealed record WatchdogPing(string CycleId, bool Fail, bool Ok, double Ms, int? HttpStatus, string? Error)
{
    /// <summary>As the next cycle's row shows it: <c>{cycle_id, signal, ok, ms, http_status?, error?}</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["cycle_id"] = CycleId, ["signal"] = Fail ? "fail" : "success", ["ok"] = Ok, ["ms"] = Ms };
        if (HttpStatus is { } status)
        {
            json["http_status"] = status;
        }

        if (Error is not null)
        {
            json["error"] = Error;
        }

        return json;
    }
}

/// <summary>
/// The dead-man's switch (docs/behaviour.md §2): after every completed cycle, <c>Watchdog:PingUrl</c> is requested
/// (<c>&lt;url&gt;/fail</c> when a step of the cycle ended in Error: the healthchecks.io convention) in the
/// background, under its own short timeout, so a slow or dead watchdog never delays a cycle. What the ping got is
/// reported in the next cycle's row (<c>watchdog</c>), a failure as a Warning. The URL is never shown or logged.
/// </summary>
public sealed partial class Watchdog(IHttpClientFactory httpClients, IOptionsMonitor<WatchdogOptions> options, TimeProvider time, ILogger<Watchdog> logger)
    : IAsyncDisposable
{
    public const string HttpClientName = "watchdog";

    private readonly CancellationTokenSource _stopping = new();
    private Task<WatchdogPing>? _pending;
    private bool _failing;

    /// <summary>The ping in flight or last done (tests wait on it).</summary>
    internal Task? Pending => _pending;

    public bool Configured => !string.IsNullOrWhiteSpace(options.CurrentValue.PingUrl);

    /// <summary>
    /// Starts the ping of a completed cycle and returns at once; nothing when no URL is set, or while the previous ping
    /// still waits for its answer (one ping at a time: a watchdog that hangs is not sent a new request every cycle, and
    /// the hanging ping's outcome, its own timeout, is what the next row reports).
    /// </summary>
    public void Ping(string cycleId, bool fail)
    {
        if (Configured && !_stopping.IsCancellationRequested && _pending is not { IsCompleted: false })
        {
            _pending = PingAsync(cycleId, fail);
        }
    }

    /// <summary>What the previous cycle's ping got, once it is done; null when none was sent or it is still under way.</summary>
    public WatchdogPing? TakeFinished()
    {
        if (_pending is not { IsCompletedSuccessfully: true } done)
        {
            return null;
        }

        _pending = null;
        return done.Result;
    }

    private async Task<WatchdogPing> PingAsync(string cycleId, bool fail)
    {
        await Task.Yield(); // the cycle goes on at once
        var settings = options.CurrentValue;
        var url = fail ? FailUrl(settings.PingUrl!) : settings.PingUrl!;
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, deadline.Token);
        int? status = null;
        string? error;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {status}";
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException && deadline.IsCancellationRequested)
        {
            error = $"no answer within {settings.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            error = "unreachable: " + (ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString());
        }
        catch (OperationCanceledException)
        {
            error = "cancelled: the service stopped";
        }

        var ping = new WatchdogPing(cycleId, fail, error is null, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3), status, error);
        if (!ping.Ok && !_failing)
        {
            LogFailing(logger, ping.Error!);
        }
        else if (ping.Ok && _failing)
        {
            LogRecovered(logger);
        }

        _failing = !ping.Ok;
        return ping;
    }

    /// <summary><c>https://hc-ping.com/uuid</c> → <c>https://hc-ping.com/uuid/fail</c>, a query kept after it.</summary>
    internal static string FailUrl(string url)
    {
        var builder = new UriBuilder(url);
        builder.Path = builder.Path.TrimEnd('/') + "/fail";
        return builder.Uri.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_pending is { } pending)
        {
            await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 2600, Level = LogLevel.Warning, Message = "Watchdog ping failed: {Error}; the next cycle's row says so, until a ping gets through")]
    private static partial void LogFailing(ILogger logger, string error);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Watchdog pings get through again")]
    private static partial void LogRecovered(ILogger logger);
}
