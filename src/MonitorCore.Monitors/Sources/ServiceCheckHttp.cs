using System.Net.Sockets;

namespace MonitorCore.Monitors.Sources;

/// <summary>A service's answer to a self-check request: its status and the start of its body.</summary>
internal sealed record ServiceAnswer(int Status, string Body);

/// <summary>
/// One GET for a self-check, without retries (a check says how the service is now). No answer comes back
/// as a reason that names neither the URL nor a key; only cancellation throws.
/// </summary>
internal static class ServiceCheckHttp
{
    public const string HttpClientName = "selftest.feeds";
    public const string OpenAIClientName = "selftest.openai";

    public static async Task<(ServiceAnswer? Answer, string? Failure)> GetAsync(
        HttpClient client, string url, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (new ServiceAnswer((int)response.StatusCode, body), null);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
            return (null, $"unreachable: {reason}");
        }
    }
}
