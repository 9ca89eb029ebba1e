using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Liquidation;
using MonitorCore.Monitors.Profit;
using MonitorCore.Monitors.Risk;
using MonitorCore.Notifications;
using MonitorCore.Positions;
using MonitorCore.Settings;

namespace MonitorCore.Monitors.Tests.Evaluation;

/// <summary>profit_monitor, risk_monitor and liquid_monitor over stored positions, through the real rule engine.</summary>
public sealed class EvaluationMonitorTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Position At(string id, string asset, PositionType side, double entry, double liq, double price, double size = 1000, double collateral = 100, double? pnl = null) =>
        PositionMath.Enrich(new Position
        {
            Id = id, AssetType = asset, PositionType = side, EntryPrice = entry, LiquidationPrice = liq, Size = size, Collateral = collateral,
            PnlAfterFeesUsd = pnl, LastUpdated = _host.Time.GetUtcNow(), WalletName = "main",
        }, price, new HeatIndexWeights());

    private Task Store(params Position[] positions) => _host.Get<IPositionStore>().UpsertAsync(positions, default);

    private async Task<IReadOnlyList<Notification>> Outbox() =>
        (await _host.Get<INotificationOutbox>().ListAsync(null, 100, default)).Reverse().ToList();

    [Fact]
    public async Task Liquidation_distance_fires_per_position_and_names_the_breach()
    {
        await Store(
            At("sol", "SOL", PositionType.Long, 182.5, 174.3, 181.0),   // 3.7 % → HIGH
            At("eth", "ETH", PositionType.Long, 3300, 2750, 3000),       // 8.3 % → LOW
            At("btc", "BTC", PositionType.Short, 95000, 110000, 97000)); // 13.4 % → none

        var run = await _host.RunAsync(LiquidationMonitor.Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal((3, 1, "HIGH"), ((int)run.Metadata["total_checked"]!, (int)run.Metadata["danger_count"]!, (string?)run.Metadata["level"]));
        var sol = run.Metadata["details"]!.AsArray().Single(d => (string?)d!["position_id"] == "sol")!;
        Assert.Equal((3.7, 5.0, true), ((double)sol["distance_pct"]!, (double)sol["threshold"]!, (bool)sol["breach"]!));
        Assert.Equal(2, run.Metadata["alert_ids"]!.AsArray().Count);
        Assert.Equal(["email", "sms", "sound", "voice"], (await Outbox()).Select(n => n.Channel).Order(StringComparer.Ordinal).Distinct());
    }

    [Fact]
    public async Task The_breach_line_level_and_channels_follow_the_liquidation_settings()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Monitors:liquid_monitor:ThresholdPercent"] = "4",
            ["Monitors:liquid_monitor:AssetThresholds:ETH"] = "9",
            ["Monitors:liquid_monitor:Level"] = "Medium",
            ["Monitors:liquid_monitor:VoiceAlert"] = "false",
        });
        await host.Get<IPositionStore>().UpsertAsync(
        [
            PositionMath.Enrich(new Position { Id = "sol", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 182.5, LiquidationPrice = 174.3, Size = 1000, Collateral = 100, LastUpdated = host.Time.GetUtcNow() }, 181.0, new HeatIndexWeights()),
            PositionMath.Enrich(new Position { Id = "eth", AssetType = "ETH", PositionType = PositionType.Long, EntryPrice = 3300, LiquidationPrice = 2750, Size = 1000, Collateral = 100, LastUpdated = host.Time.GetUtcNow() }, 3000, new HeatIndexWeights()),
        ], default);

        var run = await host.RunAsync(LiquidationMonitor.Name);

        Assert.Equal(4, (double)run.Metadata["threshold_percent"]!);
        var details = run.Metadata["details"]!.AsArray().ToDictionary(d => (string)d!["position_id"]!, d => d!);
        Assert.True((bool)details["sol"]["breach"]!);
        Assert.Equal(9, (double)details["eth"]["threshold"]!);
        Assert.True((bool)details["eth"]["breach"]!);
        Assert.Equal("MEDIUM", (string?)run.Metadata["level"]);
        Assert.DoesNotContain(await host.Get<INotificationOutbox>().ListAsync(null, 100, default), n => n.Channel == "voice");
    }

    [Fact]
    public async Task A_large_book_keeps_only_the_positions_inside_their_warning_line_in_the_ledger()
    {
        var book = Enumerable.Range(0, 60).Select(i => At($"p{i}", "SOL", PositionType.Long, 182.5, 150, 200)).ToList(); // 25 % away
        book.Add(At("near", "SOL", PositionType.Long, 182.5, 174.3, 181.0));
        await Store([.. book]);

        var run = await _host.RunAsync(LiquidationMonitor.Name);

        Assert.Equal((61, 1, false), ((int)run.Metadata["total_checked"]!, (int)run.Metadata["danger_count"]!, (bool)run.Metadata["details_complete"]!));
        Assert.Equal("near", (string?)Assert.Single(run.Metadata["details"]!.AsArray())!["position_id"]);
    }

    [Fact]
    public async Task Disabled_by_setting_or_by_toggle_records_disabled()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Monitors:liquid_monitor:Enabled"] = "false" });
        Assert.Equal(MonitorStatus.Disabled, (await host.RunAsync(LiquidationMonitor.Name)).Status);

        await _host.Get<SystemVars>().SetAsync(SystemVarKeys.EnabledLiquid, false);
        Assert.Equal(MonitorStatus.Disabled, (await _host.RunAsync(LiquidationMonitor.Name)).Status);
    }

    [Fact]
    public async Task Profit_per_position_and_in_total_with_its_badge()
    {
        await Store(
            At("a", "SOL", PositionType.Long, 100, 50, 110, pnl: 30),
            At("b", "ETH", PositionType.Long, 100, 50, 110, pnl: 15),
            At("c", "BTC", PositionType.Short, 100, 150, 110, pnl: -20));

        var run = await _host.RunAsync(ProfitMonitor.Name);

        Assert.Equal((45.0, 30.0, "MEDIUM"), ((double)run.Metadata["total_profit"]!, (double)run.Metadata["max_profit"]!, (string?)run.Metadata["level"]));
        Assert.Equal(30.0, await _host.Get<SystemVars>().GetAsync(ProfitMonitor.Badge));
        var alerts = await _host.Get<IAlertStore>().ListAsync(true, 10, default);
        Assert.Equal([("Profit", "a", AlertLevel.Medium), ("Profit", "b", AlertLevel.Low), ("TotalProfit", "portfolio", AlertLevel.Low)],
            alerts.Select(a => (a.Rule, a.Subject, a.Level)).Order());
    }

    [Fact]
    public async Task Small_profits_clear_the_badge_and_resolve()
    {
        await Store(At("a", "SOL", PositionType.Long, 100, 50, 110, pnl: 30));
        await _host.RunAsync(ProfitMonitor.Name);
        await Store(At("a", "SOL", PositionType.Long, 100, 50, 101, pnl: 2));

        var run = await _host.RunAsync(ProfitMonitor.Name);

        Assert.Null(await _host.Get<SystemVars>().GetAsync(ProfitMonitor.Badge));
        Assert.Null((string?)run.Metadata["level"]);
        Assert.Empty(await _host.Get<IAlertStore>().ListAsync(true, 10, default));
    }

    [Fact]
    public async Task Risk_is_off_by_default_and_when_on_watches_heat_and_travel()
    {
        await Store(At("a", "SOL", PositionType.Long, 100, 90, 92, size: 5000, collateral: 100)); // travel −80 %, hot
        Assert.Equal(MonitorStatus.Disabled, (await _host.RunAsync(RiskMonitor.Name)).Status);

        await _host.Get<SystemVars>().SetAsync(SystemVarKeys.EnabledRisk, true);
        var run = await _host.RunAsync(RiskMonitor.Name);

        Assert.Equal(MonitorStatus.Success, run.Status);
        Assert.Equal(-80, (double)run.Metadata["worst_travel_percent"]!, 6);
        Assert.NotNull(run.Metadata["max_heat_index"]);
        Assert.Equal(-80, (await _host.Get<SystemVars>().GetAsync(RiskMonitor.TravelBadge))!.Value, 6);
        var alerts = await _host.Get<IAlertStore>().ListAsync(true, 10, default);
        Assert.Contains(alerts, a => (a.Rule, a.Level) == ("TravelPercent", AlertLevel.Medium));
    }

    [Fact]
    public async Task A_disabled_threshold_resolves_what_it_had_firing()
    {
        await Store(At("sol", "SOL", PositionType.Long, 182.5, 174.3, 181.0));
        await _host.RunAsync(LiquidationMonitor.Name);
        var thresholds = _host.Get<IThresholdStore>();
        await thresholds.UpsertAsync((await thresholds.GetAsync("LiquidationDistance", "Position", default))! with { Enabled = false }, default);

        var run = await _host.RunAsync(LiquidationMonitor.Name);

        Assert.Equal(MonitorStatus.Skipped, run.Status);
        Assert.Empty(await _host.Get<IAlertStore>().ListAsync(true, 10, default));
    }

    [Fact]
    public async Task The_profit_badge_shows_only_above_the_low_line()
    {
        await Store(At("a", "SOL", PositionType.Long, 100, 50, 110, pnl: 10)); // exactly the Profit low line (10)
        await _host.RunAsync(ProfitMonitor.Name);
        Assert.Null(await _host.Get<SystemVars>().GetAsync(ProfitMonitor.Badge));

        await Store(At("a", "SOL", PositionType.Long, 100, 50, 110, pnl: 10.01));
        await _host.RunAsync(ProfitMonitor.Name);
        Assert.Equal(10.01, await _host.Get<SystemVars>().GetAsync(ProfitMonitor.Badge));
    }

    [Fact]
    public async Task The_risk_badges_are_null_while_heat_and_travel_are_inside_their_low_lines()
    {
        await _host.Get<SystemVars>().SetAsync(SystemVarKeys.EnabledRisk, true);
        await Store(At("a", "SOL", PositionType.Long, 100, 50, 95, size: 200, collateral: 100)); // travel −10 %, heat at its floor

        var run = await _host.RunAsync(RiskMonitor.Name);

        Assert.Equal(-10, (double)run.Metadata["worst_travel_percent"]!, 6);
        Assert.NotNull(run.Metadata["max_heat_index"]);
        Assert.Null(await _host.Get<SystemVars>().GetAsync(RiskMonitor.HeatBadge));
        Assert.Null(await _host.Get<SystemVars>().GetAsync(RiskMonitor.TravelBadge));
    }
}
