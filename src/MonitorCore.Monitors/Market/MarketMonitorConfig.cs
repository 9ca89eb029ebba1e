using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Market;

/// <summary>Which moves of a window count.</summary>
public enum MoveDirection
{
    [JsonStringEnumMemberName("BOTH")]
    Both,
    [JsonStringEnumMemberName("UP")]
    Up,
    [JsonStringEnumMemberName("DOWN")]
    Down,
}

/// <summary>What an anchor does after it triggers.</summary>
public enum RearmMode
{
    /// <summary>The anchor steps by ± delta in the direction of the move (as many steps as the price crossed), so the next step triggers again.</summary>
    [JsonStringEnumMemberName("LADDER")]
    Ladder,

    /// <summary>The anchor becomes the current price.</summary>
    [JsonStringEnumMemberName("RESET")]
    Reset,

    /// <summary>The anchor stays and is disarmed until the user re-arms it.</summary>
    [JsonStringEnumMemberName("SINGLE")]
    Single,
}

/// <summary>A window's setting: a move of at least <paramref name="ThresholdPercent"/> in <paramref name="Direction"/> triggers.</summary>
/// <param name="Window">One of <see cref="MarketMonitorConfig.KnownWindows"/>: <c>1h</c>, <c>6h</c>, <c>24h</c>.</param>
public sealed record WindowSetting(string Window, double ThresholdPercent, MoveDirection Direction);

/// <summary>
/// An asset's anchor. <see cref="Price"/> null means "anchor at the next price seen"; a null
/// <see cref="DeltaPercent"/> or <see cref="Mode"/> takes the options' default.
/// </summary>
public sealed record AnchorSetting
{
    public double? Price { get; init; }

    public double? DeltaPercent { get; init; }

    public RearmMode? Mode { get; init; }

    /// <summary>A <c>single</c> anchor that triggered; it does not trigger again until re-armed.</summary>
    public bool Disarmed { get; init; }
}

/// <summary>
/// What the user set for <c>market_monitor</c>, kept in <c>system_vars</c> as <c>market_monitor_config</c>
/// (the API and console edit it): window overrides and per-asset anchors. What it does not set comes
/// from <see cref="MarketMonitorOptions"/>, so nothing stored means "the defaults". The monitor writes
/// back only the anchors it initialises or moves.
/// </summary>
public sealed partial record MarketMonitorConfig
{
    public static readonly SystemVarKey<MarketMonitorConfig?> Key = new("market_monitor_config", null);

    /// <summary>The key of the built-in market monitor, whose options fill what this config leaves unset.</summary>
    public const string Monitor = "market_monitor";

    /// <summary>The windows a move is measured over, shortest first.</summary>
    public static readonly IReadOnlyList<(string Name, TimeSpan Span)> KnownWindows =
        [("1h", TimeSpan.FromHours(1)), ("6h", TimeSpan.FromHours(6)), ("24h", TimeSpan.FromHours(24))];

    /// <summary>Window overrides; a known window not listed takes the options' threshold and direction.</summary>
    public IReadOnlyList<WindowSetting> Windows { get; init; } = [];

    /// <summary>Anchors by asset symbol (BTC, ETH, SOL, SPX).</summary>
    public IReadOnlyDictionary<string, AnchorSetting> Anchors { get; init; } = new Dictionary<string, AnchorSetting>(StringComparer.Ordinal);

    /// <summary>Says what is wrong with a config, one line per problem; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var names = KnownWindows.Select(w => w.Name).ToList();
        foreach (var window in Windows ?? [])
        {
            if (window is null || !names.Contains(window.Window, StringComparer.Ordinal))
            {
                problems.Add($"windows: unknown window '{window?.Window}'; known: {string.Join(", ", names)}");
                continue;
            }

            if (!(double.IsFinite(window.ThresholdPercent) && window.ThresholdPercent > 0))
            {
                problems.Add($"windows {window.Window}: threshold_percent must be a number above 0, got {window.ThresholdPercent}");
            }

            if (!Enum.IsDefined(window.Direction))
            {
                problems.Add($"windows {window.Window}: direction must be UP, DOWN or BOTH");
            }
        }

        problems.AddRange((Windows ?? []).Where(w => w is not null).GroupBy(w => w.Window, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => $"windows: {g.Key} is set {g.Count()} times"));

        foreach (var (asset, anchor) in Anchors ?? new Dictionary<string, AnchorSetting>())
        {
            problems.AddRange(AnchorProblems(asset, anchor));
        }

        return problems;
    }

    /// <summary>The config with <paramref name="asset"/>'s anchor armed again, anchored at the next price seen.</summary>
    public MarketMonitorConfig Rearm(string asset) =>
        WithAnchor(asset, (Anchors.GetValueOrDefault(asset) ?? new AnchorSetting()) with { Price = null, Disarmed = false });

    public MarketMonitorConfig WithAnchor(string asset, AnchorSetting anchor) =>
        this with { Anchors = new Dictionary<string, AnchorSetting>(Anchors, StringComparer.Ordinal) { [asset] = anchor } };

    private static IEnumerable<string> AnchorProblems(string asset, AnchorSetting? anchor)
    {
        if (!SymbolPattern().IsMatch(asset))
        {
            yield return $"anchors: '{asset}' is not an asset symbol (2-10 upper-case letters or digits)";
        }

        if (anchor is null)
        {
            yield return $"anchors {asset}: is empty";
            yield break;
        }

        if (anchor.Price is { } price && !(double.IsFinite(price) && price > 0))
        {
            yield return $"anchors {asset}: price must be a number above 0 (or null to anchor at the next price), got {price}";
        }

        if (anchor.DeltaPercent is { } delta && !(double.IsFinite(delta) && delta > 0 && delta < 100))
        {
            yield return $"anchors {asset}: delta_percent must be above 0 and below 100, got {delta}";
        }

        if (anchor.Mode is { } mode && !Enum.IsDefined(mode))
        {
            yield return $"anchors {asset}: mode must be LADDER, RESET or SINGLE";
        }
    }

    [GeneratedRegex("^[A-Z0-9]{2,10}$")]
    private static partial Regex SymbolPattern();
}
