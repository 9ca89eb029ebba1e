using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Events;
using MonitorCore.Health;
using MonitorCore.Hosting.Operations;
using MonitorCore.Json;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>
/// The console attached to a running instance: the HTTP API's routes with the API key (<c>Authorization: Bearer</c>),
/// the operation records in the product's JSON, and the event stream (<c>GET /api/events</c>), which it reads again
/// after a lost connection with the last id it saw (<c>Last-Event-ID</c>). A refusal reads as the API's problem
/// detail; an unreachable instance as <see cref="OperationError.Unavailable"/>.
/// </summary>
internal sealed class RemoteConsoleClient : IConsoleClient
{
    /// <summary>How long a read or a change may take before the console says the instance does not answer.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs wait for the monitors (each has its own timeout on the server).</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The wait before reading the event stream again, as the API's <c>retry:</c> says.</summary>
    public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public RemoteConsoleClient(Uri baseAddress, string? apiKey, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _time = time;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan; // per call instead: the event stream stays open
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public string Source => _http.BaseAddress!.ToString().TrimEnd('/');

    public bool RunsCommands => false;


    public Task<StatusSnapshot> StatusAsync(CancellationToken cancellationToken) => GetAsync<StatusSnapshot>("status", cancellationToken);

    public Task<MonitorList> MonitorsAsync(CancellationToken cancellationToken) => GetAsync<MonitorList>("monitors", cancellationToken);

    public Task<PositionList> PositionsAsync(CancellationToken cancellationToken) => GetAsync<PositionList>("api/positions?status=active", cancellationToken);

    public Task<AlertList> AlertsAsync(CancellationToken cancellationToken) => GetAsync<AlertList>("api/alerts?limit=100", cancellationToken);

    public Task<SnoozeList> SnoozesAsync(CancellationToken cancellationToken) => GetAsync<SnoozeList>("api/snoozes", cancellationToken);

    public Task<LedgerPage> LedgerAsync(int limit, CancellationToken cancellationToken) =>
        GetAsync<LedgerPage>($"api/ledger?limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    public Task<ChannelList> ChannelsAsync(CancellationToken cancellationToken) => GetAsync<ChannelList>("api/channels", cancellationToken);

    public Task<RunResult> RunAsync(string monitor, CancellationToken cancellationToken) =>
        SendAsync<RunResult>(HttpMethod.Post, $"monitor/{Uri.EscapeDataString(monitor)}", null, RunTimeout, cancellationToken);

    public Task<RunResult> RunAllAsync(CancellationToken cancellationToken) =>
        SendAsync<RunResult>(HttpMethod.Post, "monitor/all", null, RunTimeout, cancellationToken);

    public Task<AlertAcknowledged> AcknowledgeAsync(long alertId, CancellationToken cancellationToken) =>
        SendAsync<AlertAcknowledged>(HttpMethod.Post, $"api/alerts/{alertId.ToString(CultureInfo.InvariantCulture)}/acknowledge", null, CallTimeout, cancellationToken);

    public Task<Snooze> SnoozeAsync(SnoozeRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["target"] = request.Target,
            ["for"] = request.Duration is { } span ? ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s" : null,
            ["until_resolved"] = request.UntilResolved,
            ["reason"] = request.Reason,
        };
        return SendAsync<Snooze>(HttpMethod.Post, "api/snoozes", body, CallTimeout, cancellationToken);
    }

    public Task<UnsnoozeResult> UnsnoozeAsync(string target, CancellationToken cancellationToken) =>
        SendAsync<UnsnoozeResult>(HttpMethod.Delete, $"api/snoozes/{Uri.EscapeDataString(target)}", null, CallTimeout, cancellationToken);

    public Task<ChannelTestResult> TestChannelAsync(string channel, CancellationToken cancellationToken) =>
        SendAsync<ChannelTestResult>(HttpMethod.Post, $"api/channels/{Uri.EscapeDataString(channel)}/test", new JsonObject { ["level"] = "LOW" }, RunTimeout, cancellationToken);

    public async IAsyncEnumerable<StreamUpdate> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? last = null;
        yield return new StreamUpdate(null, StreamState.Connecting);
        while (!cancellationToken.IsCancellationRequested)
        {
            var (response, failure) = await OpenStreamAsync(last, cancellationToken);
            if (response is not null)
            {
                using (response)
                {
                    yield return new StreamUpdate(null, StreamState.Live);
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await using var events = ServerSentEvents.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    while (true)
                    {
                        (var next, failure) = await NextAsync(events, cancellationToken);
                        if (next is null)
                        {
                            break;
                        }

                        if (Parse(next) is { } e)
                        {
                            last = e.Id;
                            yield return StreamUpdate.Of(e);
                        }
                    }
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            yield return new StreamUpdate(null, StreamState.Lost, failure ?? "the server ended the stream");
            try
            {
                await Task.Delay(Reconnect, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(HttpResponseMessage? Response, string? Failure)> OpenStreamAsync(long? last, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (last is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return (response, null);
            }

            var problem = await ProblemAsync(response, cancellationToken);
            response.Dispose();
            return (null, problem.Message);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{Source} cannot be reached: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{Source} did not answer within {CallTimeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            return (null, null);
        }
        finally
        {
            request.Dispose();
        }
    }

    private static async Task<(ServerSentEvent? Next, string? Failure)> NextAsync(IAsyncEnumerator<ServerSentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync() ? (events.Current, null) : (null, "the server ended the stream");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
        {
            return (null, $"the connection was lost: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, null);
        }
    }

    private static MonitorEvent? Parse(ServerSentEvent message)
    {
        try
        {
            return JsonSerializer.Deserialize<MonitorEvent>(message.Data, MonitorCoreJson.Options);
        }
        catch (JsonException)
        {
            return null; // not one of ours: skipped
        }
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, CallTimeout, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, JsonNode? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: MonitorCoreJson.Options);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, deadline.Token);
        }
        catch (HttpRequestException ex)
        {
            throw OperationException.Unavailable($"{Source} cannot be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OperationException.Unavailable($"{Source} did not answer within {timeout.TotalSeconds:0} s.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellationToken);
            }

            return await response.Content.ReadFromJsonAsync<T>(MonitorCoreJson.Options, cancellationToken)
                ?? throw OperationException.Unavailable($"{Source} answered {method} /{path} with nothing.");
        }
    }

    /// <summary>The API's problem detail as an operation error: what was wrong, in its words.</summary>
    private static async Task<OperationException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        try
        {
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            detail = (string?)problem?["detail"] ?? (string?)problem?["title"];
        }
        catch (JsonException)
        {
            // Not a problem document: the status says it.
        }

        var status = (int)response.StatusCode;
        detail ??= $"{status} {response.ReasonPhrase}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => OperationException.Invalid($"The instance needs an API key: start the console with --api-key KEY. ({detail})"),
            HttpStatusCode.Forbidden => OperationException.Invalid(detail),
            HttpStatusCode.BadRequest => OperationException.Invalid(detail),
            HttpStatusCode.NotFound => OperationException.NotFound(detail),
            HttpStatusCode.Conflict => OperationException.Conflict(detail),
            _ => OperationException.Unavailable(detail),
        };
    }
}
