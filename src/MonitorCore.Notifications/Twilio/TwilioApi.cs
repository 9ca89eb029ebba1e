using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// Twilio's REST API (2010-04-01) as the channels use it: a form POST with HTTP Basic auth and an
/// idempotency token, and the answer mapped to a <see cref="DeliveryResult"/>:
/// 2xx delivered (the <c>sid</c>), 401 and other 4xx permanent naming Twilio's code and message,
/// 429 and 5xx transient (429 with its Retry-After), no answer transient.
/// </summary>
internal sealed class TwilioApi(IHttpClientFactory httpClients, IOptions<TwilioOptions> options, TimeProvider time)
{
    public const string HttpClientName = "notifications.twilio";

    public TwilioOptions Options => options.Value;

    /// <summary>POSTs <paramref name="fields"/> to <c>/2010-04-01/Accounts/{sid}/{resource}</c>.</summary>
    public async Task<DeliveryResult> CreateAsync(string resource, IEnumerable<KeyValuePair<string, string>> fields, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"Accounts/{Uri.EscapeDataString(Options.AccountSid!)}/{resource}");
        request.Content = new FormUrlEncodedContent(fields);
        request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyKey);
        return await ChannelHttp.SendAsync(
            httpClients.CreateClient(HttpClientName), request, Options.Timeout, time, Read,
            reason => DeliveryResult.Failure($"Twilio: {reason}"), cancellationToken);
    }

    /// <summary>A request to <c>{BaseUrl}/2010-04-01/{path}</c> with HTTP Basic auth (sid:token).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path)
    {
        var settings = Options;
        var request = new HttpRequestMessage(method, settings.BaseUrl.TrimEnd('/') + "/2010-04-01/" + path);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return request;
    }

    private DeliveryResult Read(HttpAnswer answer)
    {
        if (answer.IsSuccess)
        {
            return DeliveryResult.Success(Field(answer.Body, "sid"));
        }

        var error = Error(answer);
        return answer.Status switch
        {
            401 => DeliveryResult.Failure($"Twilio authentication failed ({error}): check {TwilioOptions.Section}:AccountSid and AuthToken", permanent: true),
            429 => DeliveryResult.Failure($"Twilio rate limited ({error})", retryAfter: answer.RetryAfter),
            >= 500 => DeliveryResult.Failure($"Twilio server error ({error})", retryAfter: answer.RetryAfter),
            _ => DeliveryResult.Failure($"Twilio refused the request ({error})", permanent: true),
        };
    }

    /// <summary>"HTTP 400, code 21211: Invalid 'To' Phone Number…", or an excerpt when the body is not Twilio's JSON.</summary>
    public string Error(HttpAnswer answer)
    {
        var code = Field(answer.Body, "code");
        var message = Field(answer.Body, "message");
        var detail = code is not null || message is not null
            ? $"code {code ?? "?"}: {message}"
            : answer.Body.Length > 0 ? ChannelText.Excerpt(answer.Body) : null;
        return ChannelText.Redact(detail is null ? $"HTTP {answer.Status}" : $"HTTP {answer.Status}, {detail}", Options.AuthToken);
    }

    /// <summary>A top-level field of a JSON object as text; null when absent or not JSON.</summary>
    public static string? Field(string body, string name)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json && json[name] is JsonValue value
                ? value.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
