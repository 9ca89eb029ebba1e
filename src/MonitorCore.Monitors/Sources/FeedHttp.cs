using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MonitorCore.Monitors.Sources;

/// <summary>GETs JSON from a service and turns every way it can fail into a <see cref="FeedException"/>.</summary>
internal static partial class FeedHttp
{
    private const int ExcerptLength = 160;

    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string url, string service, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.Message;
            throw new FeedException(service, $"unreachable: {reason}");
        }
        catch (BrokenCircuitException)
        {
            throw new FeedException(service, "not called: too many recent failures opened its circuit breaker; it is tried again shortly");
        }
        catch (TimeoutRejectedException ex)
        {
            throw new FeedException(service, $"no answer within {ex.Timeout.TotalSeconds:0.#} s");
        }
        catch (ExecutionRejectedException ex)
        {
            throw new FeedException(service, $"rejected: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var what = status == 429 ? "rate limited (HTTP 429)" : $"HTTP {status} {response.ReasonPhrase}";
                throw new FeedException(service, what, status, Excerpt(body));
            }

            try
            {
                return JsonNode.Parse(body) ?? throw new FeedException(service, "empty JSON (null)", status, Excerpt(body));
            }
            catch (JsonException ex)
            {
                var kind = body.TrimStart().StartsWith('<') ? "an HTML page instead of JSON" : "malformed JSON";
                throw new FeedException(service, $"{kind} ({ex.Message})", status, Excerpt(body));
            }
        }
    }

    /// <summary>A number sent as a JSON number or as a numeric string; NaN when it is neither.</summary>
    public static double Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(
            s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => double.NaN,
    };

    /// <summary>An optional number: null when absent, NaN when present but not a number.</summary>
    public static double? OptionalNumber(JsonNode? node) => node is null ? null : Number(node);

    public static string Excerpt(string body)
    {
        var flat = Whitespace().Replace(body, " ").Trim();
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
