using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Configuration;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Latency;
using MonitorCore.Monitors.Liquidation;
using MonitorCore.Monitors.Market;
using MonitorCore.Monitors.Operations;
using MonitorCore.Monitors.Positions;
using MonitorCore.Monitors.Prices;
using MonitorCore.Monitors.Profit;
using MonitorCore.Monitors.Risk;
using MonitorCore.Monitors.Sources;
using MonitorCore.Positions;
using MonitorCore.SelfTest;
using MonitorCore.Settings;

namespace MonitorCore.Monitors;

/// <summary>Registers the built-in monitors and the clients of the services they watch.</summary>
public static class MonitorsServiceCollectionExtensions
{
    public static IServiceCollection AddBuiltInMonitors(this IServiceCollection services, IConfiguration configuration)
    {
        var demo = services.AddMarketSources(configuration).Demo;

        services.AddMonitor<PriceMonitor, PriceMonitorOptions>(PriceMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 100,
            Timeout = TimeSpan.FromSeconds(90),
            Description = "CoinGecko and Yahoo Finance prices, checked and stored with their history.",
        });

        services.AddConfiguredOptions<HeatIndexWeights>(configuration, HeatIndexWeights.Section);
        services.AddMonitor<PositionMonitor, PositionMonitorOptions>(PositionMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 200,
            Timeout = TimeSpan.FromSeconds(120),
            Description = "Jupiter positions of every active wallet, enriched with the latest prices; stale ones closed softly.",
        });

        services.AddThresholdType("Profit", "Position", ProfitMonitor.Name);
        services.AddThresholdType("TotalProfit", "Portfolio", ProfitMonitor.Name);
        services.AddThresholdType("HeatIndex", "Position", RiskMonitor.Name);
        services.AddThresholdType("TravelPercent", "Position", RiskMonitor.Name);
        services.AddThresholdType("LiquidationDistance", "Position", LiquidationMonitor.Name);
        services.AddMonitor<ProfitMonitor>(ProfitMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 300,
            Toggle = SystemVarKeys.EnabledProfit,
            Description = "Profit per position and in total against the Profit and TotalProfit thresholds.",
        });
        services.AddMonitor<RiskMonitor>(RiskMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 350,
            Toggle = SystemVarKeys.EnabledRisk,
            Description = "Heat index and travel % of each position against their thresholds (off by default: enabled_risk).",
        });
        services.AddMonitor<LiquidationMonitor, LiquidationMonitorOptions>(LiquidationMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 400,
            Toggle = SystemVarKeys.EnabledLiquid,
            Description = "Liquidation distance of each position against its breach line; calls when breached.",
        });
        services.AddMonitor<MarketMonitor, MarketMonitorOptions>(MarketMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 500,
            Timeout = TimeSpan.FromSeconds(60),
            Toggle = SystemVarKeys.EnabledMarket,
            Description = "Price moves over 1h / 6h / 24h, anchors with ladder / reset / single re-arm, blast radius and the positions inside it.",
        });
        services.AddSingleton<IValidateOptions<MarketMonitorOptions>, MarketChannelsValidator>();

        services.AddSingleton(new ShownDefault("Monitors:price_monitor", _ => new { Assets = PriceMonitorOptions.DefaultAssets, Indexes = PriceMonitorOptions.DefaultIndexes }));
        services.AddSingleton(new ShownDefault(
            "Monitors:latency_monitor", sp => new { Targets = LatencyMonitor.DefaultTargets(sp.GetRequiredService<IOptions<SourcesOptions>>().Value) }));
        services.TryAddSingleton<SelfTestRunner>();
        services.AddHttpClient(ServiceCheckHttp.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).UseDemoWhen(demo).RemoveAllLoggers();
        services.AddHttpClient(ServiceCheckHttp.OpenAIClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        foreach (var feed in FeedCheck.Feeds)
        {
            services.AddSingleton<ISelfCheck>(sp => FeedCheck.Create(sp, feed));
        }

        services.AddSingleton<ISelfCheck, OpenAICheck>();
        services.AddMonitor<OperationsMonitor, OperationsMonitorOptions>(OperationsMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromSeconds(60),
            Order = 800,
            RunsAtStart = true,
            Description = "The self-test: configuration, database round trip, each configured provider reached with its credentials (nothing sent), each feed answering.",
        });

        services.AddHttpClient(LatencyMonitor.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).UseDemoWhen(demo);
        services.AddMonitor<LatencyMonitor, LatencyMonitorOptions>(LatencyMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromSeconds(60),
            Order = 900,
            Description = "HTTP GET to each configured target; Warning when slow, Error when a target fails.",
        });
        return services;
    }
}
