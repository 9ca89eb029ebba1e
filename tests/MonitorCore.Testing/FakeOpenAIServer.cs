using Microsoft.AspNetCore.Http;

namespace MonitorCore.Testing;

/// <summary>
/// A local HTTP server speaking OpenAI's <c>GET /v1/models</c> with the recorded fixtures: the list of models
/// for <c>Authorization: Bearer <see cref="ApiKey"/></c>, OpenAI's 401 <c>invalid_api_key</c> answer for any
/// other key, 404 for any other path.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-0123456789abcdef0123456789abcdef";

    private LocalHttpServer _server = null!;

    public string BaseUrl => _server.BaseUri.ToString().TrimEnd('/');

    public IReadOnlyCollection<RecordedRequest> Requests => _server.Requests;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var openai = new FakeOpenAIServer();
        openai._server = await LocalHttpServer.StartAsync(Handle);
        return openai;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task Handle(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Method != "GET" || context.Request.Path != "/v1/models")
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"error": {"message": "Unknown request URL", "type": "invalid_request_error", "param": null, "code": "unknown_url"}}""");
            return;
        }

        var authorised = context.Request.Headers.Authorization.ToString() == "Bearer " + ApiKey;
        context.Response.StatusCode = authorised ? 200 : 401;
        await context.Response.WriteAsync(Fixtures.Read(authorised ? "openai/models_200.json" : "openai/invalid_key_401.json"));
    }
}
