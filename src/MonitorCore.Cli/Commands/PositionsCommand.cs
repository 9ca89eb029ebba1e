using System.CommandLine;
using System.Globalization;
using MonitorCore.Hosting.Operations;
using MonitorCore.Positions;

namespace MonitorCore.Cli.Commands;

internal static class PositionsCommand
{
    public static Command Create(CliContext context)
    {
        var status = new Option<string>("--status")
        {
            Description = "Which positions: active, stale_closed, closed or all.",
            DefaultValueFactory = _ => "active",
        };
        var command = new Command("positions", "The stored positions with their liquidation distance, PnL, travel and heat, and the portfolio totals.");
        command.Options.Add(status);
        command.WithAction(context, async (invocation, operations) =>
        {
            var word = invocation.Parse.GetValue(status)!;
            var list = await operations.Positions.ListAsync(PositionOperations.ParseStatus(word), invocation.CancellationToken);
            foreach (var q in list.Quarantined)
            {
                await invocation.Error.WriteLineAsync($"notice: stored position {q.PositionId} could not be read ({q.Reason}); " +
                    (q.Moved ? "moved to positions_quarantine." : "left in place: the next command that writes moves it to positions_quarantine."));
            }

            await invocation.WriteAsync(list, l => WriteTableAsync(invocation, l, word));
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var file = new Argument<string>("file") { Description = "A JSON or CSV file of positions (id, asset_type, position_type, entry_price, liquidation_price, size, collateral, …)." };
        var replace = new Option<bool>("--replace")
        {
            Description = "The file is the whole set of positions from files: ACTIVE ones missing from it are closed (STALE_CLOSED), so their alerts resolve. " +
                          "A file with any bad row, or with none, is refused whole.",
        };
        var import = new Command("import", "Import positions from a JSON or CSV file; bad rows are reported by line and skipped, good rows kept.");
        import.Arguments.Add(file);
        import.Options.Add(replace);
        import.WithAction(context, async (invocation, operations) =>
        {
            var result = await operations.Positions.ImportAsync(invocation.Parse.GetValue(file)!, invocation.Parse.GetValue(replace), invocation.CancellationToken);
            foreach (var row in result.Skipped)
            {
                await invocation.Error.WriteLineAsync($"{result.File}:{row.Line}: skipped: {row.Message}");
            }

            await invocation.WriteAsync(result, r => invocation.Out.WriteLineAsync(
                $"{r.File}: {r.Imported} positions imported, {r.Skipped.Count} rows skipped" +
                (invocation.Parse.GetValue(replace) ? $", {r.Closed.Count} closed (not in the file){(r.Closed.Count > 0 ? ": " + string.Join(", ", r.Closed) : "")}." : ".")));
            return result.Imported == 0 && result.Skipped.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        command.Subcommands.Add(import);

        var id = new Argument<string>("id") { Description = "The position's id, or the start of it that names one position (the table shows 12 characters)." };
        var close = new Command("close", "Close a position by hand (CLOSED): it is no longer evaluated, so its alerts resolve at the next run.");
        close.Arguments.Add(id);
        close.WithAction(context, async (invocation, operations) =>
        {
            var result = await operations.Positions.CloseAsync(invocation.Parse.GetValue(id)!, invocation.CancellationToken);
            await invocation.WriteAsync(result, r => invocation.Out.WriteLineAsync(r.Was == PositionStatus.Closed
                ? $"Position {r.Position.Id} was closed already."
                : $"Position {r.Position.Id} ({r.Position.AssetType} {r.Position.PositionType.Word()}) closed; it was {r.Was.Word()}. Its alerts resolve at the next run."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(close);
        return command;
    }

    private static async Task WriteTableAsync(Invocation invocation, PositionList list, string status)
    {
        if (list.Positions.Count == 0)
        {
            await invocation.Out.WriteLineAsync($"No {status} positions.");
            return;
        }

        var table = new TextTable("ID", "ASSET", "SIDE", "ENTRY", "PRICE", "LIQ", "LIQ DIST", "SIZE", "LEV", "VALUE", "PNL", "TRAVEL", "HEAT", "WALLET", "STATUS");
        foreach (var p in list.Positions)
        {
            table.Add(
                p.Id.Length > 12 ? p.Id[..12] + "…" : p.Id, p.AssetType, p.PositionType.Word(), Format.Money(p.EntryPrice), Format.Money(p.CurrentPrice),
                Format.Money(p.LiquidationPrice),
                PositionMath.IsPastLiquidation(p.PositionType, p.CurrentPrice, p.LiquidationPrice) ? "PAST LIQUIDATION" : $"{p.LiquidationDistancePct:0.00} %", Format.Money(p.Size), $"{p.Leverage:0.0}x", Format.Money(p.Value),
                Format.Money(p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, p.CurrentPrice, p.Size)),
                $"{p.TravelPercent:0.0} %", p.HeatIndex?.ToString("0.00", CultureInfo.InvariantCulture),
                p.WalletName ?? p.Source, p.Status.Word() + (p.Stale > 0 ? $" ({p.Stale} missed)" : ""));
        }

        table.WriteTo(invocation.Out);
        await invocation.Out.WriteLineAsync($"{list.Positions.Count} positions, value {Format.Money(list.Totals.TotalValue)}, PnL {Format.Money(list.Totals.TotalPnl)}");
    }
}
