using System.Globalization;
using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary>What several tests set up through the API.</summary>
public static class Scenarios
{
    /// <summary>The position <see cref="BreachAsync"/> imports.</summary>
    public const string NearLiquidation = "near-liquidation-1";

    /// <summary>
    /// Prices from the demo market, a SOL LONG imported 2 % above its liquidation price (inside the 5 % breach line),
    /// and a liquid_monitor run: a HIGH liquidation alert fires. Returns its id.
    /// </summary>
    public static async Task<long> BreachAsync(HttpClient client)
    {
        (await client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
        var sol = (double)(await client.Get("api/prices")).Json["prices"]!.AsArray().Single(p => (string?)p!["asset_type"] == "SOL")!["current_price"]!;
        var liquidation = Math.Round(sol * 0.98, 4).ToString(CultureInfo.InvariantCulture);
        var entry = Math.Round(sol * 1.05, 4).ToString(CultureInfo.InvariantCulture);
        var csv = $"id,asset_type,position_type,entry_price,liquidation_price,size,collateral\n{NearLiquidation},SOL,LONG,{entry},{liquidation},2000,60\n";
        (await client.Post("api/positions/import", HttpClientReplies.Text(csv, "text/csv"))).Is(HttpStatusCode.OK);

        var run = Assert.Single((await client.Post("monitor/liquid_monitor")).Is(HttpStatusCode.OK).Json["runs"]!.AsArray())!;
        Assert.Equal(1, (int?)run["metadata"]!["danger_count"]);
        var alert = (await client.Get("api/alerts")).Json["alerts"]!.AsArray().Single(a => (string?)a!["subject"] == NearLiquidation)!;
        Assert.Equal("HIGH", (string?)alert["level"]);
        Assert.Equal("FIRING", (string?)alert["state"]);
        return (long)alert["id"]!;
    }
}
