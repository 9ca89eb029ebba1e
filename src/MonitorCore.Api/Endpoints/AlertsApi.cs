using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>A snooze to add: <c>for</c> a duration with a unit (<c>30m</c>, <c>2h</c>, <c>1d</c>), or <c>until_resolved</c> (one alert only).</summary>
public sealed record SnoozeBody(string? For = null, bool UntilResolved = false, string? Reason = null);

/// <summary>A snooze of any scope: <c>target</c> is an alert id, a monitor key or <c>all</c>.</summary>
public sealed record SnoozeTargetBody(string? Target, string? For = null, bool UntilResolved = false, string? Reason = null);

/// <summary>The alerts (firing and history), acknowledgement, and the one snooze mechanism.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("alerts");
        alerts.MapGet("", ListAsync).WithName("ListAlerts").WithSummary("The firing alerts, or with all=true the history too, newest first.");
        alerts.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeAlert").WithSummary("Acknowledges a firing alert: its repeated calls stop.");
        alerts.MapPost("/{id:long}/snooze", SnoozeAlertAsync).WithName("SnoozeAlert").WithSummary("Quiets an alert's sends for a time or until it resolves.");
        alerts.MapDelete("/{id:long}/snooze", UnsnoozeAlertAsync).WithName("UnsnoozeAlert").WithSummary("Ends an alert's snoozes now.");

        var snoozes = app.MapGroup("/api/snoozes").WithTags("alerts");
        snoozes.MapGet("", SnoozesAsync).WithName("ListSnoozes").WithSummary("The snoozes in force with the time they have left.");
        snoozes.MapPost("", SnoozeAsync).WithName("AddSnooze").WithSummary("Quiets one alert, one monitor or everything (target: id, monitor key or all).");
        snoozes.MapDelete("/{target}", UnsnoozeAsync).WithName("RemoveSnooze").WithSummary("Ends snoozes by snooze id, alert id, monitor key or all.");
        return app;
    }

    public static async Task<Ok<AlertList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken, bool all = false, int limit = 100) =>
        TypedResults.Ok(await operations.Alerts.ListAsync(all, limit, cancellationToken));

    public static async Task<Ok<AlertAcknowledged>> AcknowledgeAsync(long id, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Alerts.AcknowledgeAsync(id, cancellationToken));

    public static Task<Ok<Snooze>> SnoozeAlertAsync(long id, SnoozeBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        AddAsync(operations, id.ToString(System.Globalization.CultureInfo.InvariantCulture), body.For, body.UntilResolved, body.Reason, cancellationToken);

    public static async Task<Ok<UnsnoozeResult>> UnsnoozeAlertAsync(long id, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Alerts.UnsnoozeAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken));

    public static async Task<Ok<SnoozeList>> SnoozesAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Alerts.SnoozesAsync(cancellationToken));

    public static Task<Ok<Snooze>> SnoozeAsync(SnoozeTargetBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        AddAsync(operations, body.Target ?? throw OperationException.Invalid("target is required: an alert id, a monitor key or all.", "target"),
            body.For, body.UntilResolved, body.Reason, cancellationToken);

    public static async Task<Ok<UnsnoozeResult>> UnsnoozeAsync(string target, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Alerts.UnsnoozeAsync(target, cancellationToken));

    private static async Task<Ok<Snooze>> AddAsync(
        MonitorCoreOperations operations, string target, string? duration, bool untilResolved, string? reason, CancellationToken cancellationToken)
    {
        TimeSpan? span = null;
        if (duration is not null)
        {
            span = Durations.TryParse(duration, out var parsed, out var problem) ? parsed : throw OperationException.Invalid($"for: {problem}", "for");
        }

        if (reason is { Length: > 500 })
        {
            throw OperationException.Invalid("reason is longer than 500 characters.", "reason");
        }

        return TypedResults.Ok(await operations.Alerts.SnoozeAsync(new SnoozeRequest(target, span, untilResolved, reason), cancellationToken));
    }
}
