using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MonitorCore.Testing;

/// <summary>
/// A local HTTP server speaking Twilio's REST API (2010-04-01) with the recorded fixtures: HTTP
/// Basic auth with <see cref="AccountSid"/>:<see cref="AuthToken"/> (401 code 20003 otherwise),
/// <c>POST …/Messages.json</c> (To, From, Body) and <c>POST …/Calls.json</c> (To, From, Twiml or
/// Url) answered 201, a <c>To</c> that is not E.164 answered 400 code 21211, and
/// <c>GET …/Accounts/{sid}.json</c>. <see cref="Then"/> queues answers that replace the next ones
/// (a 429, a 500).
/// </summary>
public sealed class FakeTwilioServer : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000000";
    public const string AuthToken = "f2a1c3e4b5d6978812ab34cd56ef7890";
    public const string FromNumber = "+15005550006";
    public const string ToNumber = "+15558675310";

    private readonly ConcurrentQueue<Answer> _next = new();
    private LocalHttpServer _server = null!;

    /// <summary>One answer: status, JSON body and extra headers.</summary>
    public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

    public string BaseUrl => _server.BaseUri.ToString().TrimEnd('/');

    public IReadOnlyCollection<RecordedRequest> Requests => _server.Requests;

    public static async Task<FakeTwilioServer> StartAsync()
    {
        var twilio = new FakeTwilioServer();
        twilio._server = await LocalHttpServer.StartAsync(twilio.HandleAsync);
        return twilio;
    }

    /// <summary>The next requests get these answers, in order, whatever they ask.</summary>
    public void Then(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            _next.Enqueue(answer);
        }
    }

    /// <summary>The form fields of a recorded request.</summary>
    public static IReadOnlyDictionary<string, string> Form(RecordedRequest request) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var answer = _next.TryDequeue(out var next) ? next : await RouteAsync(context.Request);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body);
    }

    private static async Task<Answer> RouteAsync(HttpRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (request.Headers.Authorization.ToString() != expected)
        {
            return new Answer(401, Fixtures.Read("twilio/auth_error_401.json"));
        }

        var account = $"/2010-04-01/Accounts/{AccountSid}";
        var path = request.Path.Value ?? "";
        if (request.Method == "GET" && path == account + ".json")
        {
            return new Answer(200, Fixtures.Read("twilio/account_200.json"));
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        return (request.Method, path) switch
        {
            ("POST", _) when path == account + "/Messages.json" => Create(form, "Body", "twilio/message_created_201.json"),
            ("POST", _) when path == account + "/Calls.json" => Create(form, form?.ContainsKey("Url") == true ? "Url" : "Twiml", "twilio/call_created_201.json"),
            _ => Error(404, 20404, $"The requested resource {path} was not found"),
        };
    }

    private static Answer Create(IFormCollection? form, string content, string created)
    {
        foreach (var field in new[] { "To", "From", content })
        {
            if (form is null || string.IsNullOrEmpty(form[field]))
            {
                return Error(400, 21604, $"A '{field}' is required.");
            }
        }

        return System.Text.RegularExpressions.Regex.IsMatch(form!["To"].ToString(), @"^\+[1-9][0-9]{7,14}$")
            ? new Answer(201, Fixtures.Read(created))
            : new Answer(400, Fixtures.Read("twilio/invalid_to_400.json"));
    }

    private static Answer Error(int status, int code, string message) =>
        new(status, $$"""{"code": {{code}}, "message": "{{message}}", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""");
}
