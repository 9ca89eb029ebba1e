using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>The spec's routes (§7.1): list the monitors, run one, run all. A run answers with its ledger row and real status.</summary>
public static class MonitorsApi
{
    public static IEndpointRouteBuilder MapMonitorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("monitors");
        api.MapGet("/monitors", ListAsync).WithName("ListMonitors").WithSummary("The registered monitors with their schedule, interval and toggle.");
        api.MapPost("/monitor/all", RunAllAsync).WithName("RunAllMonitors").WithSummary("Runs every monitor in registry order; answers with each run's ledger row.");
        api.MapPost("/api/selftest", SelfTestAsync).WithName("RunSelfTest")
            .WithSummary("Runs the self-test (operations_monitor) now: each check with ok, ms and its detail or error; the providers not configured. Nothing is sent.");
        api.MapPost("/monitor/{name}", RunAsync).WithName("RunMonitor").WithSummary("Runs one monitor; answers with its ledger row and real status (404 with the known names for an unknown one).");
        return app;
    }

    public static async Task<Ok<MonitorList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Monitors.ListAsync(cancellationToken));

    /// <summary>A run is not cut short because the client went away; it has its own timeout, and stops with the service.</summary>
    public static async Task<Ok<RunResult>> RunAsync(string name, MonitorCoreOperations operations, IHostApplicationLifetime lifetime) =>
        TypedResults.Ok(await operations.Monitors.RunAsync(name, deliver: false, lifetime.ApplicationStopping));

    public static async Task<Ok<SelfTestResult>> SelfTestAsync(MonitorCoreOperations operations, IHostApplicationLifetime lifetime) =>
        TypedResults.Ok(await operations.SelfTest.RunAsync(lifetime.ApplicationStopping));

    public static async Task<Ok<RunResult>> RunAllAsync(MonitorCoreOperations operations, IHostApplicationLifetime lifetime) =>
        TypedResults.Ok(await operations.Monitors.RunAllAsync(deliver: false, lifetime.ApplicationStopping));
}
