using MonitorCore.Monitors.Liquidation;

namespace MonitorCore.Hosting.Tests.Operations;

/// <summary>The liquidation lines the operations report are the ones liquid_monitor applies (the dashboard draws them).</summary>
public sealed class LiquidationOperationsTests
{
    [Fact]
    public async Task The_stored_triple_applies_until_a_breach_line_raises_it()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>());
        var lines = await host.Host.Operations.Liquidation.LinesAsync(default);
        Assert.True(lines.Enabled);
        Assert.Equal(new LiquidationLines(10, 7.5, 5), lines.Lines);
        Assert.Empty(lines.Assets);

        await host.Host.Operations.Settings.SetAsync("Monitors:liquid_monitor:ThresholdPercent", "8", default);
        await host.Host.Operations.Settings.SetAsync("Monitors:liquid_monitor:AssetThresholds:sol", "12", default);
        lines = await host.Host.Operations.Liquidation.LinesAsync(default);
        Assert.Equal(new LiquidationLines(10, 8, 8), lines.Lines);
        Assert.Equal(new LiquidationLines(12, 12, 12), lines.Assets["SOL"]);

        // The monitor measures against the same line.
        var run = await host.RunAsync(LiquidationLines.Monitor);
        Assert.Equal(8, (double)run.Metadata["threshold_percent"]!);
    }

    [Fact]
    public async Task A_disabled_threshold_has_no_lines()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>());
        var stored = (await host.Host.Operations.Thresholds.ListAsync(default)).Thresholds.Single(t => t.AlertType == "LiquidationDistance");
        await host.Host.Operations.Thresholds.SetAsync(
            new MonitorCore.Hosting.Operations.ThresholdChange("LiquidationDistance", "Position", stored.Low, stored.Medium, stored.High, Enabled: false), default);

        Assert.Null((await host.Host.Operations.Liquidation.LinesAsync(default)).Lines);
    }
}
