using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Diagnostics;
using MonitorCore.Hosting.Operations;
using Prometheus;

namespace MonitorCore.Api.Endpoints;

/// <summary>
/// The metrics of one API host, in its own registry: the engine's instruments (the <c>MonitorCore</c> meter:
/// runs, run and cycle durations, notification attempts, alert-to-provider latency), the HTTP requests, and
/// gauges read at each scrape (alerts firing by level, outbox depth, age of the oldest due notification).
/// </summary>
public sealed class ApiMetrics : IDisposable
{
    private readonly IDisposable _meters;

    public ApiMetrics(MonitorCoreOperations operations)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        var firing = factory.CreateGauge("monitorcore_alerts_firing", "Alerts firing, by level.", "level");
        var depth = factory.CreateGauge("monitorcore_outbox_due", "Notifications due and not yet sent (pending, or failed and due again).");
        var oldest = factory.CreateGauge("monitorcore_outbox_oldest_due_seconds", "How long the oldest due notification has waited, in seconds (0 when none).");
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            var outbox = await operations.Notifications.DepthAsync(cancellationToken);
            depth.Set(outbox.Due);
            oldest.Set(outbox.OldestDueSeconds);
            foreach (var (level, count) in await operations.Alerts.CountFiringAsync(cancellationToken))
            {
                firing.WithLabels(level).Set(count);
            }
        });
        _meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == MonitorCoreMetrics.MeterName,
            ResolveHistogramBuckets = _ => [.. MonitorCoreMetrics.SecondsBuckets],
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _meters.Dispose();
}

/// <summary><c>GET /metrics</c> in Prometheus text format (a route handler, so that the OpenAPI document lists it).</summary>
public static class MetricsApi
{
    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", ScrapeAsync).WithTags("metrics").WithName("Metrics")
            .WithSummary("The engine's runs, durations and deliveries, the HTTP requests, the alerts firing and the outbox depth, in Prometheus text format.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
        return app;
    }

    public static async Task ScrapeAsync(HttpContext context, [FromServices] ApiMetrics metrics)
    {
        context.Response.ContentType = ContentType;
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
