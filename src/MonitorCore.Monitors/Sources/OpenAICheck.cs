using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.SelfTest;

namespace MonitorCore.Monitors.Sources;

/// <summary>
/// OpenAI reached with its key (<c>GET {Sources:OpenAI:BaseUrl}/v1/models</c>, Bearer), when a key is set;
/// optional: a failure is a Warning. A refused key names OpenAI's code and message, with the key removed.
/// </summary>
internal sealed class OpenAICheck(IHttpClientFactory httpClients, IOptions<SourcesOptions> sources) : ISelfCheck
{
    public string Name => "openai";

    public bool Required => false;

    public string? NotConfiguredReason => string.IsNullOrWhiteSpace(sources.Value.OpenAI.ApiKey)
        ? $"set {SourcesOptions.Section}:OpenAI:ApiKey (or OPENAI_API_KEY)"
        : null;

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = sources.Value.OpenAI;
        var key = settings.ApiKey ?? "";
        var (answer, failure) = await ServiceCheckHttp.GetAsync(
            httpClients.CreateClient(ServiceCheckHttp.OpenAIClientName),
            settings.BaseUrl.TrimEnd('/') + "/v1/models",
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
            cancellationToken);
        if (answer is null)
        {
            return SelfCheckOutcome.Fail(failure!);
        }

        var json = Parse(answer.Body);
        if (answer.Status is >= 200 and < 300)
        {
            return json?["data"] is JsonArray models
                ? SelfCheckOutcome.Pass($"key accepted, {models.Count} models")
                : SelfCheckOutcome.Fail($"HTTP {answer.Status} without a list of models ({Redact(FeedHttp.Excerpt(answer.Body), key)})");
        }

        var error = json?["error"] as JsonObject;
        var said = error is null
            ? FeedHttp.Excerpt(answer.Body)
            : $"{(string?)(error["code"] as JsonValue) ?? (string?)(error["type"] as JsonValue)}: {(string?)(error["message"] as JsonValue)}";
        var what = answer.Status is 401 or 403 ? "OpenAI refused the key" : answer.Status == 429 ? "OpenAI rate limited" : "OpenAI answered";
        return SelfCheckOutcome.Fail(Redact($"{what} (HTTP {answer.Status}, {said})", key));
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Redact(string text, string key) =>
        key.Length >= 4 ? text.Replace(key, "***", StringComparison.Ordinal) : text;
}
