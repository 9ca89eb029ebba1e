using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>The liquidation lines in force: what a position's distance is measured against.</summary>
public static class LiquidationApi
{
    public static IEndpointRouteBuilder MapLiquidationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/liquidation").WithTags("positions")
            .MapGet("/lines", LinesAsync).WithName("LiquidationLines")
            .WithSummary("The LOW / MEDIUM / HIGH lines liquid_monitor applies: the default and each asset's own (the threshold with ThresholdPercent or the asset's line as its high).");
        return app;
    }

    public static async Task<Ok<LiquidationLinesView>> LinesAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Liquidation.LinesAsync(cancellationToken));
}
