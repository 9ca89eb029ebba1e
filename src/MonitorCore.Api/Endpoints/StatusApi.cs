using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MonitorCore.Health;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>The process answers.</summary>
public sealed record Liveness(string Status);

/// <summary>The status snapshot and the probes: <c>/healthz</c> (the process answers) and <c>/readyz</c> (it can do its work).</summary>
public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("status");
        api.MapGet("/status", GetAsync).WithName("GetStatus").WithSummary("The health of every monitor, the cycle, the snoozes and the alerts firing.");
        api.MapGet("/healthz", Live).WithName("Healthz").WithSummary("200 when the process answers; no dependency is checked.");
        api.MapGet("/readyz", ReadyAsync).WithName("Readyz")
            .WithSummary("200 when the database answers, the last cycle is no older than twice the interval and the outbox moves; 503 with the reason otherwise.");
        return app;
    }

    public static async Task<Ok<StatusSnapshot>> GetAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Status.GetAsync(cancellationToken));

    public static Ok<Liveness> Live() => TypedResults.Ok(new Liveness("ok"));

    public static async Task<JsonHttpResult<Readiness>> ReadyAsync(MonitorCoreOperations operations, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var readiness = await operations.Status.ReadinessAsync(options.Value.OutboxStuckAfter, cancellationToken);
        return TypedResults.Json(readiness, statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
