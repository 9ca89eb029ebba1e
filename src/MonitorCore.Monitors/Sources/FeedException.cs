using System.Text.Json.Nodes;

namespace MonitorCore.Monitors.Sources;

/// <summary>
/// A service did not give a usable answer. Says which service, what went wrong, the HTTP status
/// when there was one and a short excerpt of the body, so that a run's metadata names the problem.
/// </summary>
public sealed class FeedException(string service, string problem, int? httpStatus = null, string? bodyExcerpt = null)
    : Exception($"{service}: {problem}")
{
    public string Service { get; } = service;

    public string Problem { get; } = problem;

    public int? HttpStatus { get; } = httpStatus;

    public string? BodyExcerpt { get; } = bodyExcerpt;

    /// <summary>The failure as run metadata: <c>{service, error, http_status?, body?}</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["service"] = Service, ["error"] = Problem };
        if (HttpStatus is { } status)
        {
            json["http_status"] = status;
        }

        if (BodyExcerpt is { Length: > 0 } body)
        {
            json["body"] = body;
        }

        return json;
    }
}
