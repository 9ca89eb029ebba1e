using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>A test notification's level (LOW by default).</summary>
public sealed record ChannelTestBody(AlertLevel Level = AlertLevel.Low);

/// <summary>The durable outbox with each row's delivery state, retries, the channels, and a test through one (a receiver test).</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/notifications").WithTags("notifications");
        outbox.MapGet("", ListAsync).WithName("ListNotifications")
            .WithSummary("The outbox newest first: channel, status (PENDING, FAILED, SENT, DEAD, SKIPPED), attempts, provider id, last error; filter by status or alert_id.");
        outbox.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryNotification").WithSummary("Makes a failed, dead or skipped notification due now; the dispatcher sends it.");

        var channels = app.MapGroup("/api/channels").WithTags("notifications");
        channels.MapGet("", Channels).WithName("ListChannels").WithSummary("The registered channels and whether each can send (what to configure when not).");
        channels.MapPost("/{channel}/test", TestAsync).WithName("TestChannel")
            .WithSummary("Sends a test notification through the outbox and the dispatcher and answers with the provider's reply; recorded as an xcom_monitor run.");
        return app;
    }

    public static async Task<Ok<NotificationList>> ListAsync(
        MonitorCoreOperations operations,
        CancellationToken cancellationToken,
        string? status = null,
        int limit = 50,
        [FromQuery(Name = "alert_id")] long? alertId = null) =>
        TypedResults.Ok(await operations.Notifications.ListAsync(NotificationOperations.ParseStatus(status), limit, cancellationToken, alertId));

    public static async Task<Ok<RetryResult>> RetryAsync(long id, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Notifications.RetryAsync(id, deliver: false, cancellationToken));

    public static Ok<ChannelList> Channels(MonitorCoreOperations operations) => TypedResults.Ok(operations.Notifications.Channels());

    public static async Task<Ok<ChannelTestResult>> TestAsync(string channel, ChannelTestBody? body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Notifications.TestChannelAsync(channel, body?.Level ?? AlertLevel.Low, "POST /api/channels/test", cancellationToken));
}
