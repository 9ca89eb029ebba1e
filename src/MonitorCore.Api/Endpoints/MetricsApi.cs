using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Diagnostics;
using MonitorCore.Hosting.Operations;
using Prometheus;

namespace MonitorCore.Api.Endpoints;

/// <summary>
/// The metrics of one API host, in its own registry: the engine's instruments (the <c>MonitorCore</c> meter, read by a
/// meter listener: runs by monitor and status, run and cycle durations, notification attempts by channel and result,
/// alert-to-provider latency), the HTTP requests, and gauges read at each scrape (alerts firing by level, outbox
/// depth, age of the oldest due notification).
/// </summary>
public sealed class ApiMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Counter _runs;
    private readonly Histogram _runDuration;
    private readonly Histogram _cycleDuration;
    private readonly Counter _attempts;
    private readonly Histogram _alertToProvider;

    public ApiMetrics(MonitorCoreOperations operations)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        var buckets = new HistogramConfiguration { Buckets = [.. MonitorCoreMetrics.SecondsBuckets] };
        _runs = factory.CreateCounter("monitorcore_runs_total", "Monitor runs recorded in the ledger, by monitor and status.", "monitor", "status");
        _runDuration = factory.CreateHistogram("monitorcore_run_duration_seconds", "How long monitor runs took, by monitor.", ["monitor"], buckets);
        _cycleDuration = factory.CreateHistogram("monitorcore_cycle_duration_seconds", "How long sonic cycles took.", [], buckets);
        _attempts = factory.CreateCounter("monitorcore_notification_attempts_total", "Notification send attempts, by channel and result.", "channel", "result");
        _alertToProvider = factory.CreateHistogram(
            "monitorcore_alert_to_provider_seconds", "From a notification queued (an alert raised) to its provider's answer, by channel.", ["channel"], buckets);

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

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MonitorCoreMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _listener.Dispose();

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case "monitorcore_runs":
                _runs.WithLabels(Tag(tags, "monitor"), Tag(tags, "status")).Inc(value);
                break;
            case "monitorcore_run_duration_seconds":
                _runDuration.WithLabels(Tag(tags, "monitor")).Observe(value);
                break;
            case "monitorcore_cycle_duration_seconds":
                _cycleDuration.Observe(value);
                break;
            case "monitorcore_notification_attempts":
                _attempts.WithLabels(Tag(tags, "channel"), Tag(tags, "result")).Inc(value);
                break;
            case "monitorcore_alert_to_provider_seconds":
                _alertToProvider.WithLabels(Tag(tags, "channel")).Observe(value);
                break;
        }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString() ?? "";
            }
        }

        return "";
    }
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
