using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;
using MonitorCore.Wallets;

namespace MonitorCore.Api.Endpoints;

/// <summary>A wallet to add.</summary>
public sealed record WalletBody(string? Name, string? Address);

/// <summary>A wallet's sync switch.</summary>
public sealed record WalletStateBody(bool? Enabled);

/// <summary>The wallets whose Jupiter positions are synced.</summary>
public static class WalletsApi
{
    public static IEndpointRouteBuilder MapWalletsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wallets").WithTags("wallets");
        api.MapGet("", ListAsync).WithName("ListWallets");
        api.MapPost("", AddAsync).WithName("AddWallet").WithSummary("Adds a wallet; its positions are synced from the next position_monitor run.");
        api.MapPatch("/{name}", SetEnabledAsync).WithName("SetWalletEnabled").WithSummary("Turns a wallet's sync on or off; its stored positions are kept.");
        return app;
    }

    public static async Task<Ok<WalletList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Wallets.ListAsync(cancellationToken));

    public static async Task<Created<Wallet>> AddAsync(WalletBody body, MonitorCoreOperations operations, CancellationToken cancellationToken)
    {
        var wallet = await operations.Wallets.AddAsync(
            body.Name ?? throw OperationException.Invalid("name is required.", "name"),
            body.Address ?? throw OperationException.Invalid("address is required.", "address"),
            cancellationToken);
        return TypedResults.Created($"/api/wallets/{Uri.EscapeDataString(wallet.Name)}", wallet);
    }

    public static async Task<Ok<WalletState>> SetEnabledAsync(string name, WalletStateBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Wallets.SetEnabledAsync(
            name, body.Enabled ?? throw OperationException.Invalid("enabled is required: true or false.", "enabled"), cancellationToken));
}
