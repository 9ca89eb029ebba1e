using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;
using MonitorCore.Ledger;

namespace MonitorCore.Api.Endpoints;

/// <summary><c>monitor_ledger</c>, newest first, filtered and paged with a cursor.</summary>
public static class LedgerApi
{
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/ledger").WithTags("ledger");
        ledger.MapGet("", QueryAsync).WithName("QueryLedger")
            .WithSummary("Ledger rows newest first; filter by monitor, status and time (since, until: ISO-8601); page with next_cursor.");
        ledger.MapGet("/daily", DailyAsync).WithName("LedgerDaily")
            .WithSummary("Runs per monitor and UTC day by status with their durations, over the last `days` days (30): the rollups of pruned rows and the rows kept.");
        return app;
    }

    public static async Task<Ok<LedgerDaily>> DailyAsync(MonitorCoreOperations operations, CancellationToken cancellationToken, string? monitor = null, int days = 30) =>
        TypedResults.Ok(await operations.Ledger.DailyAsync(monitor, days, cancellationToken));

    public static async Task<Ok<LedgerPage>> QueryAsync(
        MonitorCoreOperations operations,
        CancellationToken cancellationToken,
        string? monitor = null,
        string? status = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null,
        int limit = 50,
        string? cursor = null) =>
        TypedResults.Ok(await operations.Ledger.QueryAsync(
            new LedgerQuery(monitor, limit, LedgerOperations.ParseCursor(cursor), LedgerOperations.ParseStatus(status), since, until),
            cancellationToken));
}
