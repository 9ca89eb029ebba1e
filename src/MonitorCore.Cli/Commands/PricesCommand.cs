using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class PricesCommand
{
    public static Command Create(CliContext context) =>
        new Command("prices", "The latest stored price of each asset, with its 24 h range, source and time.").WithAction(context, async (invocation, operations) =>
        {
            var list = await operations.Prices.LatestAsync(invocation.CancellationToken);
            await invocation.WriteAsync(list, async l =>
            {
                if (l.Prices.Count == 0)
                {
                    await invocation.Out.WriteLineAsync("No prices stored yet. Run: monitorcore run price_monitor");
                    return;
                }

                var table = new TextTable("ASSET", "PRICE", "24H LOW", "24H HIGH", "24H %", "SOURCE", "TIME");
                foreach (var q in l.Prices)
                {
                    table.Add(q.AssetType, Format.Money(q.CurrentPrice), Format.Money(q.Low24h), Format.Money(q.High24h),
                        q.Change24hPct is { } c ? $"{c:+0.00;-0.00}" : null, q.Source, Format.Time(q.LastUpdateTime));
                }

                table.WriteTo(invocation.Out);
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);
}
