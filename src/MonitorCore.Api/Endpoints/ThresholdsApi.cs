using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>
/// A threshold as a PUT body: the triple is required; what is left out keeps the stored value. Notify lists
/// are comma-separated channel names (<c>sms,voice</c>); an empty one means the level's defaults.
/// </summary>
public sealed record ThresholdBody(
    double? Low,
    double? Medium,
    double? High,
    ThresholdCondition? Condition = null,
    string? MetricKey = null,
    bool? Enabled = null,
    string? LowNotify = null,
    string? MediumNotify = null,
    string? HighNotify = null);

/// <summary>The alert thresholds: read them; change or delete one, validated, naming the rule a triple breaks.</summary>
public static class ThresholdsApi
{
    public static IEndpointRouteBuilder MapThresholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/thresholds").WithTags("thresholds");
        api.MapGet("", ListAsync).WithName("ListThresholds").WithSummary("Every threshold triple with its condition and the channels of each level.");
        api.MapPut("/{type}/{class}", SetAsync).WithName("SetThreshold")
            .WithSummary("Changes the threshold of (type, class), or sets one that was deleted; an unknown type, class or channel, or a triple out of order, is refused with the reason.");
        api.MapDelete("/{type}/{class}", DeleteAsync).WithName("DeleteThreshold")
            .WithSummary("Deletes the threshold of (type, class): its monitor stops evaluating it; answers with the deleted threshold.");
        return app;
    }

    public static async Task<Ok<ThresholdList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Thresholds.ListAsync(cancellationToken));

    public static async Task<Ok<AlertThreshold>> DeleteAsync(string type, string @class, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Thresholds.DeleteAsync(type, @class, cancellationToken));

    public static async Task<Ok<AlertThreshold>> SetAsync(string type, string @class, ThresholdBody body, MonitorCoreOperations operations, CancellationToken cancellationToken)
    {
        var low = body.Low ?? throw OperationException.Invalid("low is required.", "low");
        var medium = body.Medium ?? throw OperationException.Invalid("medium is required.", "medium");
        var high = body.High ?? throw OperationException.Invalid("high is required.", "high");
        return TypedResults.Ok(await operations.Thresholds.SetAsync(
            new ThresholdChange(type, @class, low, medium, high, body.Condition, body.MetricKey, body.Enabled, body.LowNotify, body.MediumNotify, body.HighNotify),
            cancellationToken));
    }
}
