using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class PricesCommand
{
    public static Command Create(CliContext context) =>
        new Command("prices", "The latest stored price of each asset, with its source and time.").WithHostAction(context, ListAsync);

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host)
    {
        var latest = await host.Services.GetRequiredService<PriceRepository>().GetLatestAllAsync(invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Prices = latest.Values });
            return ExitCodes.Ok;
        }

        if (latest.Count == 0)
        {
            await invocation.Out.WriteLineAsync("No prices stored yet. Run: monitorcore run price_monitor");
            return ExitCodes.Ok;
        }

        var table = new TextTable("ASSET", "PRICE", "24H LOW", "24H HIGH", "24H %", "SOURCE", "TIME");
        foreach (var q in latest.Values)
        {
            table.Add(q.AssetType, Format.Money(q.CurrentPrice), Format.Money(q.Low24h), Format.Money(q.High24h),
                q.Change24hPct is { } c ? $"{c:+0.00;-0.00}" : null, q.Source, Format.Time(q.LastUpdateTime));
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }
}
