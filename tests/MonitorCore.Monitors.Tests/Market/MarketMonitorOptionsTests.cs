using MonitorCore.Alerts;
using MonitorCore.Monitors.Market;

namespace MonitorCore.Monitors.Tests.Market;

public sealed class MarketMonitorOptionsTests
{
    [Fact]
    public void Bad_options_stop_start_up_naming_the_key()
    {
        var ranges = TestHost.ProblemsOf(new Dictionary<string, string?>
        {
            ["Monitors:market_monitor:ThresholdPercent"] = "0",
            ["Monitors:market_monitor:AnchorDeltaPercent"] = "100",
        });
        Assert.Contains(ranges, p => p.StartsWith("Monitors:market_monitor:ThresholdPercent:", StringComparison.Ordinal));
        Assert.Contains(ranges, p => p.StartsWith("Monitors:market_monitor:AnchorDeltaPercent:", StringComparison.Ordinal));

        var rules = TestHost.ProblemsOf(new Dictionary<string, string?>
        {
            ["Monitors:market_monitor:HighNotify"] = "email,pager",
            ["Monitors:market_monitor:MediumMultiplier"] = "4",
        });
        Assert.Contains(rules, p => p.StartsWith("Monitors:market_monitor:HighNotify: unknown channel 'pager'", StringComparison.Ordinal));
        Assert.Contains(rules, p => p.StartsWith("Monitors:market_monitor:HighMultiplier: needs MediumMultiplier ≤ HighMultiplier", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_keep_low_and_medium_in_the_ledger_and_send_high_by_email()
    {
        var channels = new MarketMonitorOptions().Channels();

        Assert.Equal([], channels[AlertLevel.Low]);
        Assert.Equal([], channels[AlertLevel.Medium]);
        Assert.Equal(["email"], channels[AlertLevel.High]);
        Assert.Equal(["sms", "voice"], MarketMonitorOptions.ChannelList(" SMS, voice,none "));
    }
}
