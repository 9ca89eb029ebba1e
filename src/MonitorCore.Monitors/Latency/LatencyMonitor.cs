using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Sources;

namespace MonitorCore.Monitors.Latency;

/// <summary>
/// <c>latency_monitor</c>: an HTTP GET to each target, all at once, timed in milliseconds. A target
/// fails when it cannot be reached, does not answer in time or answers 5xx (the run is an Error);
/// one slower than the threshold makes the run a Warning.
/// </summary>
internal sealed class LatencyMonitor(
    IHttpClientFactory httpClients,
    IOptionsSnapshot<LatencyMonitorOptions> options,
    IOptions<SourcesOptions> sources,
    MarketMode mode,
    TimeProvider time) : IMonitor
{
    public const string Name = "latency_monitor";
    public const string HttpClientName = "latency";

    private sealed record Probe(string Name, double Ms, int? StatusCode, string? Error);

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        var targets = settings.Targets.Count > 0 ? settings.Targets : DefaultTargets(sources.Value);
        var probes = await Task.WhenAll(targets.Select(t => ProbeAsync(t, settings.RequestTimeout, cancellationToken)));

        var report = new JsonObject();
        foreach (var probe in probes)
        {
            var line = new JsonObject { ["ms"] = probe.Ms, ["status"] = probe.StatusCode?.ToString() ?? "error" };
            if (probe.Error is not null)
            {
                line["error"] = probe.Error;
            }

            report[probe.Name] = line;
        }

        var metadata = new JsonObject
        {
            ["targets"] = report,
            ["slow_threshold_ms"] = settings.SlowThreshold.TotalMilliseconds,
            ["mode"] = mode.Label,
        };
        var failed = probes.Where(p => p.Error is not null).Select(p => $"{p.Name} ({p.Error})").ToList();
        if (failed.Count > 0)
        {
            return MonitorResult.Error($"{failed.Count} of {probes.Length} targets failed: {string.Join(", ", failed)}", metadata);
        }

        var slow = probes.Where(p => p.Ms > settings.SlowThreshold.TotalMilliseconds).Select(p => p.Name).ToList();
        return slow.Count > 0
            ? MonitorResult.Warning($"slower than {settings.SlowThreshold.TotalMilliseconds} ms: {string.Join(", ", slow)}", metadata)
            : MonitorResult.Success(metadata);
    }

    private async Task<Probe> ProbeAsync(LatencyTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var client = httpClients.CreateClient(HttpClientName);
        var started = time.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(target.Url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var ms = Elapsed(started);
            var code = (int)response.StatusCode;
            return code >= 500
                ? new Probe(target.Name, ms, code, $"HTTP {code} {response.ReasonPhrase}")
                : new Probe(target.Name, ms, code, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Probe(target.Name, Elapsed(started), null, $"no answer within {timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.Message;
            return new Probe(target.Name, Elapsed(started), null, $"unreachable: {reason}");
        }
    }

    private double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);

    internal static List<LatencyTarget> DefaultTargets(SourcesOptions sources) =>
    [
        new() { Name = "coingecko", Url = sources.CoinGecko.BaseUrl.TrimEnd('/') + "/api/v3/ping" },
        new() { Name = "jupiter", Url = sources.Jupiter.BaseUrl.TrimEnd('/') + "/" },
    ];
}
