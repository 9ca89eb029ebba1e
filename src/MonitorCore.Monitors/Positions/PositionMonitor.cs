using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Demo;
using MonitorCore.Monitors.Sources;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Settings;
using MonitorCore.Wallets;

namespace MonitorCore.Monitors.Positions;

/// <summary>
/// <c>position_monitor</c>: syncs every active wallet from Jupiter and enriches every ACTIVE position
/// with the latest prices (docs/behaviour.md §4). A wallet whose answer fails or cannot be read changes none
/// of its stored positions. A position seen again gets <c>stale = 0</c>; one missing from a
/// successful sync gets <c>stale + 1</c> and becomes STALE_CLOSED after the configured number of
/// syncs. Nothing is deleted; unreadable stored rows go to quarantine and are reported.
/// </summary>
internal sealed class PositionMonitor(
    JupiterClient jupiter,
    IWalletStore wallets,
    IPositionStore positions,
    IPriceStore prices,
    SystemVars systemVars,
    IOptionsSnapshot<PositionMonitorOptions> options,
    IOptions<HeatIndexWeights> heat,
    MarketMode mode,
    TimeProvider time) : IMonitor
{
    public const string Name = "position_monitor";

    public static readonly SystemVarKey<int?> Badge = new("position_badge_value", null);

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (mode.Demo)
        {
            await EnsureDemoWalletAsync(now, cancellationToken);
        }

        var active = await wallets.ListAsync(enabledOnly: true, cancellationToken);
        var stored = await positions.ReadAsync(null, cancellationToken);
        var byId = stored.Positions.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var latest = await prices.GetLatestAllAsync(cancellationToken);

        var walletReport = new JsonObject();
        var skipped = new JsonArray();
        var changed = new Dictionary<string, Position>(StringComparer.Ordinal);
        int imported = 0, updated = 0, staleClosed = 0, failedWallets = 0;
        foreach (var wallet in active)
        {
            var sync = await SyncWalletAsync(wallet, now, cancellationToken);
            if (sync.Error is not null)
            {
                walletReport[wallet.Name] = sync.Error;
                failedWallets++;
                continue;
            }

            walletReport[wallet.Name] = "ok";
            foreach (var mint in sync.UnknownMints)
            {
                skipped.Add(mint);
            }

            foreach (var seen in sync.Positions)
            {
                if (byId.ContainsKey(seen.Id))
                {
                    updated++;
                }
                else
                {
                    imported++;
                }

                changed[seen.Id] = seen with { Status = PositionStatus.Active, Stale = 0 };
            }

            foreach (var missing in stored.Positions.Where(p =>
                         p.WalletName == wallet.Name && p.Status == PositionStatus.Active && !changed.ContainsKey(p.Id)))
            {
                var stale = missing.Stale + 1;
                var closes = stale >= options.Get(context.Name).StaleAfterMissedSyncs;
                staleClosed += closes ? 1 : 0;
                changed[missing.Id] = missing with { Stale = stale, Status = closes ? PositionStatus.StaleClosed : PositionStatus.Active };
            }
        }

        // Every ACTIVE position (from any wallet or a file) follows the latest prices.
        foreach (var position in stored.Positions.Where(p => p.Status == PositionStatus.Active && !changed.ContainsKey(p.Id)))
        {
            changed[position.Id] = position;
        }

        var enriched = changed.Values.Select(p => p.Status == PositionStatus.Active ? PositionMath.EnrichAtLatest(p, latest, heat.Value) : p).ToList();
        await positions.UpsertAsync(enriched, cancellationToken);

        var activeCount = byId.Values.Count(p => p.Status == PositionStatus.Active && !changed.ContainsKey(p.Id))
                          + enriched.Count(p => p.Status == PositionStatus.Active);
        await systemVars.SetAsync(Badge, activeCount, cancellationToken);

        var metadata = new JsonObject
        {
            ["imported"] = imported,
            ["updated"] = updated,
            ["stale_closed"] = staleClosed,
            ["skipped"] = skipped,
            ["wallets"] = walletReport,
            ["active"] = activeCount,
            ["quarantined"] = new JsonArray([.. stored.Quarantined.Select(q => new JsonObject { ["position_id"] = q.PositionId, ["reason"] = q.Reason })]),
            ["mode"] = mode.Label,
        };
        if (active.Count == 0)
        {
            return MonitorResult.Skipped("no active wallets: add one with 'monitorcore wallets add NAME ADDRESS'", metadata);
        }

        if (failedWallets == active.Count)
        {
            return MonitorResult.Error($"no wallet could be synced: {string.Join("; ", walletReport.Select(w => $"{w.Key}: {w.Value!["error"]}"))}", metadata);
        }

        var notes = new List<string>();
        if (failedWallets > 0)
        {
            notes.Add($"{failedWallets} of {active.Count} wallets not synced");
        }

        if (skipped.Count > 0)
        {
            notes.Add($"skipped unknown mints: {string.Join(", ", skipped.Select(s => (string?)s))}");
        }

        if (stored.Quarantined.Count > 0)
        {
            notes.Add($"{stored.Quarantined.Count} unreadable stored positions moved to quarantine");
        }

        return notes.Count > 0 ? MonitorResult.Warning(string.Join("; ", notes), metadata) : MonitorResult.Success(metadata);
    }

    private sealed record WalletSync(IReadOnlyList<Position> Positions, IReadOnlyList<string> UnknownMints, JsonObject? Error);

    private async Task<WalletSync> SyncWalletAsync(Wallet wallet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonNode?> items;
        try
        {
            items = await jupiter.GetPositionsAsync(wallet.Address, cancellationToken);
        }
        catch (FeedException ex)
        {
            return new WalletSync([], [], ex.ToJson());
        }

        var mapped = items.Select(item => JupiterPositionMapper.Map(item, wallet.Name, mode.Demo ? "demo" : JupiterClient.Name, now)).ToList();
        var problems = mapped.Where(m => m.Problem is not null).Select(m => m.Problem!).ToList();
        if (problems.Count > 0)
        {
            // An answer with unreadable items cannot say which positions exist: change nothing.
            var error = new JsonObject
            {
                ["service"] = JupiterClient.Name,
                ["error"] = $"unreadable answer, nothing changed: {string.Join("; ", problems)}",
            };
            return new WalletSync([], [], error);
        }

        return new WalletSync(
            [.. mapped.Where(m => m.Position is not null).Select(m => m.Position!)],
            [.. mapped.Where(m => m.UnknownMint is not null).Select(m => m.UnknownMint!)],
            null);
    }

    private async Task EnsureDemoWalletAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await wallets.ListAsync(enabledOnly: false, cancellationToken);
        if (!all.Any(w => w.Address == DemoMarket.WalletAddress))
        {
            await wallets.AddAsync(new Wallet(DemoMarket.WalletName, DemoMarket.WalletAddress, true, now), cancellationToken);
        }
    }
}
