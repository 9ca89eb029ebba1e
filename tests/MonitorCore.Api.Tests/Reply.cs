using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Json;

namespace MonitorCore.Api.Tests;

/// <summary>An answer read whole: status, content type, body, headers.</summary>
public sealed record Reply(HttpStatusCode Status, string? ContentType, string Body, HttpResponseHeaders Headers)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>Asserts the status (showing the body when it is another).</summary>
    public Reply Is(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Asserts an RFC 7807 problem of <paramref name="status"/> with a title and a detail; returns it.</summary>
    public JsonObject Problem(HttpStatusCode status)
    {
        Is(status);
        return AssertProblem();
    }

    /// <summary>Asserts that the body is a problem with a title and a detail, of the answer's status.</summary>
    public JsonObject AssertProblem()
    {
        Assert.True(ContentType == "application/problem+json", $"{(int)Status} with content type '{ContentType}', not a problem: {Body}");
        var problem = Assert.IsType<JsonObject>(JsonNode.Parse(Body));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), $"a problem without a title: {Body}");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), $"a problem without a detail: {Body}");
        Assert.Equal((int)Status, (int?)problem["status"]);
        return problem;
    }

    public string Detail => (string?)Json["detail"] ?? "";
}

/// <summary>Requests as a test writes them; every answer read whole.</summary>
public static class HttpClientReplies
{
    public static Task<Reply> Get(this HttpClient client, string path, string? key = null) =>
        client.Send(HttpMethod.Get, path, null, key);

    public static Task<Reply> Post(this HttpClient client, string path, object? body = null, string? key = null) =>
        client.Send(HttpMethod.Post, path, body, key);

    public static Task<Reply> Put(this HttpClient client, string path, object? body, string? key = null) =>
        client.Send(HttpMethod.Put, path, body, key);

    public static Task<Reply> Patch(this HttpClient client, string path, object? body, string? key = null) =>
        client.Send(HttpMethod.Patch, path, body, key);

    public static Task<Reply> Delete(this HttpClient client, string path, string? key = null) =>
        client.Send(HttpMethod.Delete, path, null, key);

    /// <summary>Sends <paramref name="body"/> as JSON in the product's convention (snake_case), or raw when it is <see cref="HttpContent"/>.</summary>
    public static async Task<Reply> Send(this HttpClient client, HttpMethod method, string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => new StringContent(JsonSerializer.Serialize(body, MonitorCoreJson.Options), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendRaw(request);
    }

    public static async Task<Reply> SendRaw(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers);
    }

    public static StringContent Text(string text, string contentType) => new(text, Encoding.UTF8, contentType);
}
