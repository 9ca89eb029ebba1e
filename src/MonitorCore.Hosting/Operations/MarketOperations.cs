using Microsoft.Extensions.Options;
using MonitorCore.Events;
using MonitorCore.Monitors.Market;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Operations;

/// <summary>What applies where the market config sets nothing: the <c>Monitors:market_monitor</c> options.</summary>
public sealed record MarketDefaults(double ThresholdPercent, MoveDirection Direction, double AnchorDeltaPercent, RearmMode AnchorMode, double MediumMultiplier, double HighMultiplier);

/// <summary>The market monitor's stored config (<c>market_monitor_config</c>), and the defaults under it.</summary>
public sealed record MarketView(MarketMonitorConfig Config, MarketDefaults Defaults, IReadOnlyList<string> Windows);

/// <summary>
/// The market monitor's windows and anchors, kept in <c>system_vars</c> (docs/behaviour.md §5). Each change
/// records a <c>settings_changed</c> event (kind <c>market</c>, key the window or asset, the stored config).
/// </summary>
public sealed class MarketOperations(SystemVars systemVars, IOptionsMonitor<MarketMonitorOptions> options, EventRecorder events)
{
    public async Task<MarketView> GetAsync(CancellationToken cancellationToken)
    {
        var o = options.Get(MarketMonitorConfig.Monitor);
        return new MarketView(
            await ReadAsync(cancellationToken),
            new MarketDefaults(o.ThresholdPercent, o.Direction, o.AnchorDeltaPercent, o.AnchorMode, o.MediumMultiplier, o.HighMultiplier),
            [.. MarketMonitorConfig.KnownWindows.Select(w => w.Name)]);
    }

    /// <summary>Sets a window's threshold and direction (<c>1h</c>, <c>6h</c>, <c>24h</c>).</summary>
    public Task<MarketView> SetWindowAsync(string window, double thresholdPercent, MoveDirection direction, CancellationToken cancellationToken) =>
        ChangeAsync("set_window", window, config => config with
        {
            Windows = [.. config.Windows.Where(w => w.Window != window), new WindowSetting(window, thresholdPercent, direction)],
        }, cancellationToken);

    /// <summary>Sets an asset's anchor: its price (null: the next price seen), delta and re-arm mode (null: the defaults); armed.</summary>
    public Task<MarketView> SetAnchorAsync(string asset, double? price, double? deltaPercent, RearmMode? mode, CancellationToken cancellationToken) =>
        ChangeAsync("set_anchor", asset.Trim().ToUpperInvariant(), config => config.WithAnchor(
            asset.Trim().ToUpperInvariant(), new AnchorSetting { Price = price, DeltaPercent = deltaPercent, Mode = mode }), cancellationToken);

    /// <summary>Arms an asset's anchor again, at the next price seen (after a <c>SINGLE</c> anchor triggered).</summary>
    public Task<MarketView> RearmAsync(string asset, CancellationToken cancellationToken) =>
        ChangeAsync("rearm", asset.Trim().ToUpperInvariant(), config => config.Rearm(asset.Trim().ToUpperInvariant()), cancellationToken);

    private async Task<MarketView> ChangeAsync(string action, string key, Func<MarketMonitorConfig, MarketMonitorConfig> change, CancellationToken cancellationToken)
    {
        var next = change(await ReadAsync(cancellationToken));
        if (next.Problems() is { Count: > 0 } problems)
        {
            throw OperationException.Invalid(string.Join("; ", problems));
        }

        await systemVars.SetAsync(MarketMonitorConfig.Key, next, cancellationToken);
        await events.RecordSettingsChangedAsync("market", action, key, next);
        return await GetAsync(cancellationToken);
    }

    private async Task<MarketMonitorConfig> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await systemVars.GetAsync(MarketMonitorConfig.Key, cancellationToken) ?? new MarketMonitorConfig();
        }
        catch (SystemVarFormatException ex)
        {
            throw OperationException.Unavailable(ex.Message, ex);
        }
    }
}
