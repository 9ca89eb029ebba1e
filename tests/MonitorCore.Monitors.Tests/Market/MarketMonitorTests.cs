using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Market;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Tests.Market;

public sealed class MarketMonitorTests : IAsyncLifetime
{
    private const string Name = "market_monitor";
    private TestHost _harness = null!;

    public async Task InitializeAsync() => _harness = await TestHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private DateTimeOffset Now => _harness.Time.GetUtcNow();

    private SystemVars Vars => _harness.Get<SystemVars>();

    /// <summary>Stores one price of <paramref name="asset"/>, <paramref name="ago"/> before the fake clock's now.</summary>
    private Task Price(string asset, double price, TimeSpan ago = default, double? high = null, double? low = null) =>
        _harness.Get<IPriceStore>().AddAsync([new PriceQuote(asset, price, "test", Now - ago) { High24h = high, Low24h = low }], default);

    /// <summary>Moves the clock on a minute, stores the new price and runs the monitor.</summary>
    private async Task<LedgerEntry> NextAsync(string asset, double price)
    {
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Price(asset, price);
        return await _harness.RunAsync(Name);
    }

    private static double? Move(LedgerEntry run, string asset, string window) => (double?)run.Metadata["moves"]![asset]![window];

    private static List<(string Asset, string Window)> Triggered(LedgerEntry run) =>
        [.. run.Metadata["triggered"]!.AsArray().Select(t => ((string)t!["asset"]!, (string)t["window"]!))];

    private static JsonNode Anchor(LedgerEntry run, string asset) => run.Metadata["anchors"]![asset]!;

    private async Task<AnchorSetting> StoredAnchor(string asset) => (await Vars.GetAsync(MarketMonitorConfig.Key))!.Anchors[asset];

    private static TimeSpan Hours(double h) => TimeSpan.FromHours(h);

    [Fact]
    public void Is_registered_in_the_cycle_after_positions_with_its_toggle()
    {
        var registration = _harness.Registration(Name);

        Assert.True(registration.InCycle);
        Assert.Equal((500, TimeSpan.FromSeconds(60)), (registration.Order, registration.Timeout));
        Assert.Same(SystemVarKeys.EnabledMarket, registration.Toggle);
    }

    [Fact]
    public async Task No_stored_price_is_skipped_and_the_toggle_off_is_disabled()
    {
        Assert.Equal(MonitorStatus.Skipped, (await _harness.RunAsync(Name)).Status);

        await Vars.SetAsync(SystemVarKeys.EnabledMarket, false);
        Assert.Equal(MonitorStatus.Disabled, (await _harness.RunAsync(Name)).Status);
    }

    [Fact]
    public async Task Moves_each_window_from_the_price_at_or_before_its_start_and_null_where_history_is_short()
    {
        await Price("SOL", 80, Hours(24.5));
        await Price("SOL", 100, Hours(6));
        await Price("SOL", 100, Hours(1));
        await Price("SOL", 103);
        await Price("BTC", 90_000, TimeSpan.FromMinutes(30));
        await Price("BTC", 91_000);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal(3, Move(run, "SOL", "1h")!.Value, 4);
        Assert.Equal(3, Move(run, "SOL", "6h")!.Value, 4);
        Assert.Equal(28.75, Move(run, "SOL", "24h")!.Value, 4);
        Assert.Equal([null, null, null], new[] { "1h", "6h", "24h" }.Select(w => Move(run, "BTC", w)));
        Assert.Equal([("SOL", "1h"), ("SOL", "6h"), ("SOL", "24h")], Triggered(run));
        var levels = run.Metadata["triggered"]!.AsArray().Select(t => (string?)t!["level"]);
        Assert.Equal(["LOW", "LOW", "HIGH"], levels); // 2 % threshold: 3 % is LOW, 28.75 % is past 3 × 2 %
        Assert.Equal("HIGH", (string?)run.Metadata["level"]);
    }

    [Fact]
    public async Task History_too_short_for_every_window_of_every_asset_is_a_warning_that_says_so()
    {
        await Price("SOL", 100, TimeSpan.FromMinutes(20));
        await Price("ETH", 3000);

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Warning, run.Status);
        Assert.StartsWith("history too short for every window of every asset", (string?)run.Metadata["warning"], StringComparison.Ordinal);
        Assert.Null(Move(run, "SOL", "1h"));
        Assert.Empty(run.Metadata["alert_ids"]!.AsArray());
    }

    [Fact]
    public async Task The_direction_of_a_window_filters_which_moves_trigger()
    {
        await Price("SOL", 100, Hours(6));
        await Price("SOL", 106, Hours(1));
        await Price("SOL", 103); // 1h: −2.83 %, 6h: +3 %
        async Task<List<(string, string)>> TriggeredWith(MoveDirection oneHour, MoveDirection sixHours)
        {
            await Vars.SetAsync(MarketMonitorConfig.Key, new MarketMonitorConfig
            {
                Windows = [new("1h", 2, oneHour), new("6h", 2, sixHours)],
            });
            return Triggered(await _harness.RunAsync(Name)).Where(t => t.Item2 != "anchor").ToList();
        }

        Assert.Equal([("SOL", "1h"), ("SOL", "6h")], await TriggeredWith(MoveDirection.Down, MoveDirection.Up));
        Assert.Empty(await TriggeredWith(MoveDirection.Up, MoveDirection.Down));
        Assert.Equal([("SOL", "1h"), ("SOL", "6h")], await TriggeredWith(MoveDirection.Both, MoveDirection.Both));
    }

    [Fact]
    public async Task Window_defaults_come_from_the_options_when_nothing_is_stored()
    {
        await using var harness = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Monitors:market_monitor:ThresholdPercent"] = "5",
            ["Monitors:market_monitor:Direction"] = "up",
        });
        var repository = harness.Get<IPriceStore>();
        var now = harness.Time.GetUtcNow();
        await repository.AddAsync([new PriceQuote("SOL", 100, "test", now - Hours(1)), new PriceQuote("SOL", 104, "test", now)], default);

        var run = await harness.RunAsync(Name);

        Assert.Equal(4, Move(run, "SOL", "1h")!.Value, 4);
        Assert.Empty(Triggered(run)); // 4 % is below the configured 5 %
        Assert.Empty((await harness.Get<SystemVars>().GetAsync(MarketMonitorConfig.Key))!.Windows); // only the anchor was stored
    }

    [Fact]
    public async Task A_ladder_anchor_starts_at_the_first_price_and_steps_a_delta_per_rung_crossed()
    {
        await Price("SOL", 100);
        var first = await _harness.RunAsync(Name);
        Assert.Equal((100.0, 5.0, "LADDER", true),
            ((double)Anchor(first, "SOL")["price"]!, (double)Anchor(first, "SOL")["delta"]!, (string)Anchor(first, "SOL")["mode"]!, (bool)Anchor(first, "SOL")["armed"]!));
        Assert.Equal(new AnchorSetting { Price = 100 }, await StoredAnchor("SOL")); // delta and mode stay the options' defaults

        var up = await NextAsync("SOL", 106);
        Assert.Contains(("SOL", "anchor"), Triggered(up));
        Assert.Equal(105, (await StoredAnchor("SOL")).Price!.Value, 6);

        var between = await NextAsync("SOL", 108);
        Assert.DoesNotContain(("SOL", "anchor"), Triggered(between));
        Assert.Equal(105, (await StoredAnchor("SOL")).Price!.Value, 6);

        var again = await NextAsync("SOL", 111);
        var trigger = again.Metadata["triggered"]!.AsArray().Single(t => (string?)t!["window"] == "anchor")!;
        Assert.Equal((105.0, 110.25), ((double)trigger["anchor"]!, Math.Round((double)trigger["new_anchor"]!, 6)));
        Assert.Equal(110.25, (await StoredAnchor("SOL")).Price!.Value, 6);

        var down = await NextAsync("SOL", 99);
        Assert.Contains(("SOL", "anchor"), Triggered(down));
        Assert.Equal(99.500625, (await StoredAnchor("SOL")).Price!.Value, 6);
    }

    [Fact]
    public async Task A_reset_anchor_moves_to_the_price_that_triggered_it()
    {
        await Vars.SetAsync(MarketMonitorConfig.Key, new MarketMonitorConfig().WithAnchor("SOL", new AnchorSetting { DeltaPercent = 5, Mode = RearmMode.Reset }));
        await Price("SOL", 100);
        await _harness.RunAsync(Name);

        Assert.Contains(("SOL", "anchor"), Triggered(await NextAsync("SOL", 106)));
        Assert.Equal(new AnchorSetting { Price = 106, DeltaPercent = 5, Mode = RearmMode.Reset }, await StoredAnchor("SOL"));

        Assert.DoesNotContain(("SOL", "anchor"), Triggered(await NextAsync("SOL", 110))); // 3.8 % from 106
        Assert.Contains(("SOL", "anchor"), Triggered(await NextAsync("SOL", 112)));
        Assert.Equal(112, (await StoredAnchor("SOL")).Price);
    }

    [Fact]
    public async Task A_single_anchor_disarms_after_one_trigger_until_the_user_rearms_it()
    {
        await Vars.SetAsync(MarketMonitorConfig.Key, new MarketMonitorConfig().WithAnchor("SOL", new AnchorSetting { Mode = RearmMode.Single }));
        await Price("SOL", 100);
        await _harness.RunAsync(Name);

        var fired = await NextAsync("SOL", 94);
        Assert.Contains(("SOL", "anchor"), Triggered(fired));
        Assert.Equal(new AnchorSetting { Price = 100, Mode = RearmMode.Single, Disarmed = true }, await StoredAnchor("SOL"));
        Assert.False((bool)Anchor(fired, "SOL")["armed"]!);

        var quiet = await NextAsync("SOL", 80);
        Assert.DoesNotContain(("SOL", "anchor"), Triggered(quiet));
        Assert.Equal((100.0, false), ((double)Anchor(quiet, "SOL")["price"]!, (bool)Anchor(quiet, "SOL")["armed"]!));
        Assert.Empty(await _harness.Get<IAlertStore>().GetFiringAsync(Name, "PriceAnchor", default));

        await Vars.SetAsync(MarketMonitorConfig.Key, (await Vars.GetAsync(MarketMonitorConfig.Key))!.Rearm("SOL"));
        var rearmed = await NextAsync("SOL", 81);
        Assert.Equal((81.0, true), ((double)Anchor(rearmed, "SOL")["price"]!, (bool)Anchor(rearmed, "SOL")["armed"]!));
        Assert.Contains(("SOL", "anchor"), Triggered(await NextAsync("SOL", 86)));
    }

    [Fact]
    public async Task The_blast_radius_flags_active_positions_whose_liquidation_distance_is_inside_it()
    {
        await Price("SOL", 105, high: 110, low: 100);                 // stored range: 10 %
        await Price("BTC", 100_000, Hours(10));
        await Price("BTC", 104_000, Hours(5));
        await Price("BTC", 102_000);                                  // no range: history, 4 %
        await _harness.Get<IPositionStore>().UpsertAsync(
        [
            ActivePosition("sol-near", "SOL", 8),
            ActivePosition("sol-far", "SOL", 12),
            ActivePosition("btc-near", "BTC", 3.5),
            ActivePosition("btc-closed", "BTC", 1) with { Status = PositionStatus.Closed },
            ActivePosition("eth-unpriced", "ETH", 0.5),
        ], default);

        var run = await _harness.RunAsync(Name);

        Assert.Equal((10.0, 4.0), ((double)run.Metadata["blast_radius"]!["SOL"]!, (double)run.Metadata["blast_radius"]!["BTC"]!));
        Assert.Equal(("24h_range", "history"), ((string?)run.Metadata["blast_radius_source"]!["SOL"], (string?)run.Metadata["blast_radius_source"]!["BTC"]));
        var flagged = run.Metadata["flagged_positions"]!.AsArray();
        Assert.Equal(["btc-near", "sol-near"], flagged.Select(f => (string)f!["position_id"]!).Order());
        Assert.Equal((8.0, 10.0), ((double)flagged.Single(f => (string?)f!["asset"] == "SOL")!["distance_pct"]!,
            (double)flagged.Single(f => (string?)f!["asset"] == "SOL")!["blast_radius"]!));
    }

    [Fact]
    public async Task Alerts_are_raised_escalated_and_resolved_through_the_engine_and_only_high_is_sent()
    {
        var alerts = _harness.Get<IAlertStore>();
        await Price("SOL", 100, Hours(1));
        await Price("SOL", 103);

        var low = await _harness.RunAsync(Name);
        var id = (long)Assert.Single(low.Metadata["alert_ids"]!.AsArray())!;
        var alert = (await alerts.GetAsync(id, default))!;
        Assert.Equal(("PriceMove", "SOL:1h", Name, AlertLevel.Low, AlertState.Firing), (alert.Rule, alert.Subject, alert.Monitor, alert.Level, alert.State));
        Assert.Empty(low.Metadata["notification_ids"]!.AsArray()); // LOW: ledger only

        var high = await NextAsync("SOL", 107);
        Assert.Equal([id], high.Metadata["alert_ids"]!.AsArray().Select(i => (long)i!));
        Assert.Equal(AlertLevel.High, (await alerts.GetAsync(id, default))!.Level);
        Assert.Single(high.Metadata["notification_ids"]!.AsArray()); // HIGH: one e-mail
        Assert.Equal("HIGH", (string?)high.Metadata["level"]);

        var calm = await NextAsync("SOL", 100.5);
        Assert.Empty(calm.Metadata["alert_ids"]!.AsArray());
        Assert.Equal(AlertState.Resolved, (await alerts.GetAsync(id, default))!.State);
        Assert.Null((string?)calm.Metadata["level"]);
    }

    [Fact]
    public async Task The_stored_config_is_plain_json_the_api_and_console_can_write()
    {
        var store = _harness.Get<ISystemVarStore>();
        await store.SetRawAsync(
            "market_monitor_config",
            """{"windows":[{"window":"1h","threshold_percent":1,"direction":"down"}],"anchors":{"SOL":{"price":100,"mode":"single"}}}""",
            default);
        await Price("SOL", 101, Hours(1));
        await Price("SOL", 94);

        var run = await _harness.RunAsync(Name);

        Assert.Equal([("SOL", "1h"), ("SOL", "anchor")], Triggered(run));
        Assert.Equal(
            """{"windows":[{"window":"1h","threshold_percent":1,"direction":"DOWN"}],"anchors":{"SOL":{"price":100,"delta_percent":null,"mode":"SINGLE","disarmed":true}}}""",
            await store.GetRawAsync("market_monitor_config", default));
    }

    [Fact]
    public async Task An_invalid_stored_config_is_an_error_that_names_the_problem()
    {
        await Price("SOL", 100);
        await Vars.SetAsync(MarketMonitorConfig.Key, new MarketMonitorConfig { Windows = [new("2h", 2, MoveDirection.Both)] });

        var run = await _harness.RunAsync(Name);

        Assert.Equal(MonitorStatus.Error, run.Status);
        Assert.Contains("market_monitor_config is not valid: windows: unknown window '2h'", (string?)run.Metadata["error"], StringComparison.Ordinal);

        await _harness.Get<ISystemVarStore>().SetRawAsync("market_monitor_config", "{\"anchors\":{\"SOL\":{\"mode\":\"sideways\"}}}", default);
        var unreadable = await _harness.RunAsync(Name);
        Assert.Equal(MonitorStatus.Error, unreadable.Status);
        Assert.Contains("system_vars 'market_monitor_config'", (string?)unreadable.Metadata["error"], StringComparison.Ordinal);
    }

    private Position ActivePosition(string id, string asset, double distancePct) => new()
    {
        Id = id,
        AssetType = asset,
        PositionType = PositionType.Long,
        EntryPrice = 100,
        LiquidationPrice = 50,
        Size = 1000,
        Collateral = 100,
        LiquidationDistancePct = distancePct,
        LastUpdated = Now,
    };
}
