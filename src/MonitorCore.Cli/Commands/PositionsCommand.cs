using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
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
        status.AcceptOnlyFromAmong("active", "stale_closed", "closed", "all");
        var command = new Command("positions", "The stored positions with their liquidation distance, PnL, travel and heat.");
        command.Options.Add(status);
        command.WithHostAction(context, (invocation, host) => ListAsync(invocation, host, invocation.Parse.GetValue(status)!));

        var file = new Argument<string>("file") { Description = "A JSON or CSV file of positions (id, asset_type, position_type, entry_price, liquidation_price, size, collateral, …)." };
        var import = new Command("import", "Import positions from a JSON or CSV file; bad rows are reported by line and skipped, good rows kept.");
        import.Arguments.Add(file);
        import.WithHostAction(context, (invocation, host) => ImportAsync(invocation, host, invocation.Parse.GetValue(file)!));
        command.Subcommands.Add(import);
        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host, string status)
    {
        PositionStatus? filter = status == "all" ? null : PositionNames.TryParseStatus(status, out var s) ? s : null;
        var read = await host.Services.GetRequiredService<PositionRepository>().ReadAsync(filter, invocation.CancellationToken);
        foreach (var q in read.Quarantined)
        {
            await invocation.Error.WriteLineAsync($"notice: stored position {q.PositionId} could not be read ({q.Reason}); moved to positions_quarantine.");
        }

        var totals = PortfolioTotals.Compute(read.Positions);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Positions = read.Positions, Totals = totals });
            return ExitCodes.Ok;
        }

        if (read.Positions.Count == 0)
        {
            await invocation.Out.WriteLineAsync($"No {status} positions.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "ASSET", "SIDE", "ENTRY", "PRICE", "LIQ", "LIQ DIST", "SIZE", "LEV", "VALUE", "PNL", "TRAVEL", "HEAT", "WALLET", "STATUS");
        foreach (var p in read.Positions)
        {
            table.Add(
                p.Id.Length > 12 ? p.Id[..12] + "…" : p.Id, p.AssetType, p.PositionType.ToText(), Format.Money(p.EntryPrice), Format.Money(p.CurrentPrice),
                Format.Money(p.LiquidationPrice), $"{p.LiquidationDistancePct:0.00} %", Format.Money(p.Size), $"{p.Leverage:0.0}x", Format.Money(p.Value),
                Format.Money(p.PnlAfterFeesUsd ?? PositionMath.Pnl(p.PositionType, p.EntryPrice, p.CurrentPrice, p.Size)),
                $"{p.TravelPercent:0.0} %", p.HeatIndex?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                p.WalletName ?? p.Source, p.Status.ToText() + (p.Stale > 0 ? $" ({p.Stale} missed)" : ""));
        }

        table.WriteTo(invocation.Out);
        await invocation.Out.WriteLineAsync($"{read.Positions.Count} positions, value {Format.Money(totals.TotalValue)}, PnL {Format.Money(totals.TotalPnl)}");
        return ExitCodes.Ok;
    }

    private static async Task<int> ImportAsync(Invocation invocation, MonitorCoreHost host, string path)
    {
        var full = Path.GetFullPath(path, invocation.Settings.BaseDirectory);
        if (!File.Exists(full))
        {
            await invocation.Error.WriteLineAsync($"{full}: no such file.");
            return ExitCodes.Usage;
        }

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var parsed = PositionFileParser.Parse(await File.ReadAllTextAsync(full, invocation.CancellationToken), full, now);
        var latest = await host.Services.GetRequiredService<PriceRepository>().GetLatestAllAsync(invocation.CancellationToken);
        var weights = host.Services.GetRequiredService<IOptions<HeatIndexWeights>>().Value;
        var enriched = parsed.Positions.Select(p => PositionMath.Enrich(
            p,
            latest.TryGetValue(p.AssetType, out var quote) ? quote.CurrentPrice : p.CurrentPrice > 0 ? p.CurrentPrice : p.EntryPrice,
            weights)).ToList();
        await host.Services.GetRequiredService<PositionRepository>().UpsertAsync(enriched, invocation.CancellationToken);

        foreach (var error in parsed.Errors)
        {
            await invocation.Error.WriteLineAsync($"{full}:{error.Line}: skipped: {error.Message}");
        }

        if (invocation.Json)
        {
            invocation.WriteJson(new
            {
                File = full,
                Imported = enriched.Count,
                Skipped = parsed.Errors.Select(e => new { e.Line, e.Message }).ToList(),
            });
        }
        else
        {
            await invocation.Out.WriteLineAsync($"{full}: {enriched.Count} positions imported, {parsed.Errors.Count} rows skipped.");
        }

        return enriched.Count == 0 && parsed.Errors.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
