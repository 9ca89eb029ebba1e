using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Api.Dashboard;
using MonitorCore.Api.Endpoints;
using MonitorCore.Api.Security;
using MonitorCore.Configuration;
using MonitorCore.Hosting.Operations;
using MonitorCore.Json;
using Prometheus;
using Scalar.AspNetCore;

namespace MonitorCore.Api;

/// <summary>The HTTP API on a web host that already has Monitor Core (<c>AddMonitorCore</c>).</summary>
public static class MonitorCoreApiExtensions
{
    /// <summary>The one OpenAPI document's name.</summary>
    public const string DocumentName = "v1";

    /// <summary>
    /// The <c>Api</c> section in the configuration schemas for a host that does not run the API (the CLI's), so that
    /// every face generates the same <c>docs/schemas</c>; the API's own host has it from its options.
    /// </summary>
    public static IServiceCollection AddApiSchema(this IServiceCollection services) =>
        services.AddSingleton(new DocumentedSection(ApiOptions.Section, typeof(ApiOptions)));

    /// <summary>Registers the API's services: keys, problem details, JSON in the product's convention, OpenAPI, limits.</summary>
    public static WebApplicationBuilder AddMonitorCoreApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddConfiguredOptions<ApiOptions>(builder.Configuration, ApiOptions.Section);
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ApiMetrics>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => CopyJson(o.SerializerOptions));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Monitor Core";
            document.Info.Description = "Watches leveraged crypto positions and itself. Every use case of the CLI, over HTTP.";
            return Task.CompletedTask;
        }));

        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxBodyBytes);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsRead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = api.MutationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many changes",
                    $"At most {api.MutationsPerMinute} changes a minute from one address (Api:MutationsPerMinute); try again in a minute."));
            };
        });
        if (api.CorsOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins([.. api.CorsOrigins]).AllowAnyHeader().AllowAnyMethod()));
        }

        return builder;
    }

    /// <summary>
    /// Maps every route: the dashboard at <c>/</c>, the spec's routes, the product under <c>/api</c>, the events, metrics,
    /// OpenAPI and its reference page. Every error answer is a problem, also one no handler wrote (an unknown route, a
    /// method not taken, a body too large).
    /// </summary>
    public static WebApplication MapMonitorCore(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(Problems.ForStatusCodeAsync);
        app.UseDashboard(); // static files, open: the page asks for a key when the API needs one
        app.UseMiddleware<ApiKeyMiddleware>();
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        // Only changes are limited: a read never enters the limiter (its partition lookup takes a lock, which a read
        // under load would wait on for nothing).
        app.UseWhen(context => !IsRead(context.Request.Method), changes => changes.UseRateLimiter());
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(app.Services.GetRequiredService<ApiMetrics>().Registry)));

        app.MapMonitorsApi();
        app.MapStatusApi();
        app.MapLedgerApi();
        app.MapPositionsApi();
        app.MapLiquidationApi();
        app.MapThresholdsApi();
        app.MapAlertsApi();
        app.MapNotificationsApi();
        app.MapSettingsApi();
        app.MapSchemasApi();
        app.MapSonicApi();
        app.MapWalletsApi();
        app.MapEventsApi();
        app.MapMetricsApi();
        app.MapOpenApi("/openapi/{documentName}.json").AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("documentName") is string name && name.Equals(DocumentName, StringComparison.OrdinalIgnoreCase)
                ? await next(context)
                : Problems.Of(OperationException.NotFound($"There is no OpenAPI document of that name: the API is described by /openapi/{DocumentName}.json.", "documentName")));
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Monitor Core API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }

    /// <summary>Whether every URL listens on this machine only (127.0.0.0/8, ::1 or localhost).</summary>
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            var host = Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.Host.Trim('[', ']')
                : "";
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        });

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    private static void CopyJson(System.Text.Json.JsonSerializerOptions target)
    {
        var source = MonitorCoreJson.Options;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.Encoder = source.Encoder;
        target.NumberHandling = source.NumberHandling;
        target.PropertyNameCaseInsensitive = true;
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }
}
