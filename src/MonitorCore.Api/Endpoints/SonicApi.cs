using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>The cycle interval as a duration with a unit: <c>30s</c>, <c>2m</c>, <c>1h</c>.</summary>
public sealed record SonicIntervalBody(string? Interval);

/// <summary>Whether a step runs in the cycle.</summary>
public sealed record SonicStepBody(bool? Enabled);

/// <summary>Live control of the sonic cycle: what it does, its interval and its step toggles (applied by a running service at its next cycle).</summary>
public static class SonicApi
{
    public static IEndpointRouteBuilder MapSonicApi(this IEndpointRouteBuilder app)
    {
        var sonic = app.MapGroup("/api/sonic").WithTags("sonic");
        sonic.MapGet("", GetAsync).WithName("GetSonic")
            .WithSummary("The cycle: its interval and where it came from, each step's toggle, the instance that runs it and since when, the last and next cycle.");
        sonic.MapPut("/interval", SetIntervalAsync).WithName("SetSonicInterval")
            .WithSummary("Sets the cycle interval (a duration with a unit, whole seconds from 1s to 1d); a running service follows it from its next cycle.");
        sonic.MapPut("/steps/{step}", SetStepAsync).WithName("SetSonicStep")
            .WithSummary("Switches a step (profit, risk, liquid, market) or the whole cycle (sonic) on or off from the next cycle.");
        return app;
    }

    public static async Task<Ok<SonicView>> GetAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Sonic.GetAsync(cancellationToken));

    public static async Task<Ok<SonicView>> SetIntervalAsync(SonicIntervalBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Sonic.SetIntervalAsync(
            body.Interval ?? throw OperationException.Invalid("interval is required: a duration with a unit, e.g. 30s.", "interval"), cancellationToken));

    public static async Task<Ok<SonicView>> SetStepAsync(string step, SonicStepBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Sonic.SetStepAsync(
            step, body.Enabled ?? throw OperationException.Invalid("enabled is required: true or false.", "enabled"), cancellationToken));
}
