using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>Positions with their math and the portfolio totals; import from CSV or JSON, close one; prices and their history.</summary>
public static class PositionsApi
{
    public static IEndpointRouteBuilder MapPositionsApi(this IEndpointRouteBuilder app)
    {
        var positions = app.MapGroup("/api/positions").WithTags("positions");
        positions.MapGet("", ListAsync).WithName("ListPositions")
            .WithSummary("Positions of a status (active, stale_closed, closed or all; active by default) with liquidation distance, PnL, travel, heat, and the totals.");
        positions.MapPost("/import", ImportAsync).WithName("ImportPositions")
            .WithSummary("Positions from the body: CSV (text/csv) or JSON (application/json); bad rows are named by line and skipped. " +
                         "With replace=true the body is the whole set of positions from files: the ACTIVE ones missing from it are closed (a body with a bad row is refused whole).")
            .Accepts<string>("text/csv", "application/json");
        positions.MapPost("/{id}/close", CloseAsync).WithName("ClosePosition")
            .WithSummary("Closes a position by hand (CLOSED): it is no longer evaluated, so its alerts resolve at the next run.");

        var prices = app.MapGroup("/api/prices").WithTags("prices");
        prices.MapGet("", LatestAsync).WithName("LatestPrices").WithSummary("The latest price of each asset with its 24 h range, source and time.");
        prices.MapGet("/{asset}/history", HistoryAsync).WithName("PriceHistory")
            .WithSummary("An asset's prices over the last `hours` (24 by default), oldest first, thinned to at most `points` (500 by default).");
        return app;
    }

    public static async Task<Ok<PositionList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken, string? status = "active") =>
        TypedResults.Ok(await operations.Positions.ListAsync(PositionOperations.ParseStatus(status), cancellationToken));

    public static async Task<Ok<PositionCloseResult>> CloseAsync(string id, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Positions.CloseAsync(id, cancellationToken));

    public static async Task<Ok<PositionImportResult>> ImportAsync(
        HttpRequest request, MonitorCoreOperations operations, CancellationToken cancellationToken, bool replace = false)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var name = request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "request.csv"
            : request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "request.json"
            : "request";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw OperationException.Invalid("The body is empty: send the positions as CSV (text/csv) or JSON (application/json).", "body");
        }

        return TypedResults.Ok(await operations.Positions.ImportTextAsync(text, name, replace, cancellationToken));
    }

    public static async Task<Ok<PriceList>> LatestAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Prices.LatestAsync(cancellationToken));

    public static async Task<Ok<PriceHistory>> HistoryAsync(
        string asset, MonitorCoreOperations operations, CancellationToken cancellationToken, double hours = 24, int points = 500)
    {
        if (!double.IsFinite(hours) || hours <= 0 || hours > 24 * 3660)
        {
            throw OperationException.Invalid($"hours must be above 0 and at most {24 * 3660}, got {hours}.", "hours");
        }

        return TypedResults.Ok(await operations.Prices.HistoryAsync(asset, TimeSpan.FromHours(hours), points, cancellationToken));
    }
}
