using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MonitorCore.Benchmarks;

/// <summary>
/// A Kestrel server on a free loopback port that plays a webhook receiver: <c>POST /hook</c> is read
/// to the end and answered <c>200 ok</c>; anything else is a 404. <see cref="Received"/> is called
/// with the <see cref="Stopwatch"/> timestamp taken as the handler starts (the request's headers have
/// arrived) and the body, before the answer is written.
/// </summary>
internal sealed class WebhookStubServer : IAsyncDisposable
{
    private static readonly byte[] Ok = "ok"u8.ToArray();
    private readonly WebApplication _app;
    private int _requests;

    private WebhookStubServer(WebApplication app) => _app = app;

    /// <summary>The URL to configure as <c>Notifications:Webhook:Url</c>, e.g. <c>http://127.0.0.1:41234/hook</c>.</summary>
    public string HookUrl { get; private set; } = "";

    /// <summary>The number of webhook requests answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Told of every webhook request: its arrival timestamp and its body.</summary>
    public Action<long, string>? Received { get; set; }

    public static async Task<WebhookStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new WebhookStubServer(app);
        app.Run(async context =>
        {
            var arrived = Stopwatch.GetTimestamp();
            if (context.Request.Path != "/hook" || context.Request.Method != HttpMethods.Post)
            {
                context.Response.StatusCode = 404;
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            server.Received?.Invoke(arrived, body);
            Interlocked.Increment(ref server._requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Ok.Length;
            await context.Response.Body.WriteAsync(Ok, context.RequestAborted);
        });
        await app.StartAsync();
        server.HookUrl = app.Urls.Single() + "/hook";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
