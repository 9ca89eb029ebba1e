using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Latency;
using MonitorCore.Monitors.Market;
using MonitorCore.Monitors.Positions;
using MonitorCore.Monitors.Prices;
using MonitorCore.Positions;
using MonitorCore.Settings;
using MonitorCore.Monitors.Sources;

namespace MonitorCore.Monitors;

/// <summary>Registers the built-in monitors and the clients of the services they watch.</summary>
public static class MonitorsServiceCollectionExtensions
{
    public static IServiceCollection AddBuiltInMonitors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarketSources(configuration);
        var demo = services.Any(d => d.ServiceType == typeof(MarketMode) && d.ImplementationInstance is MarketMode { Demo: true });

        services.AddConfiguredOptions<PriceMonitorOptions>(configuration, PriceMonitorOptions.Section);
        services.AddMonitor<PriceMonitor>(PriceMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 100,
            Timeout = TimeSpan.FromSeconds(90),
            Description = "CoinGecko and Yahoo Finance prices, checked and stored with their history.",
        });

        services.AddConfiguredOptions<HeatIndexWeights>(configuration, HeatIndexWeights.Section);
        services.AddConfiguredOptions<PositionMonitorOptions>(configuration, PositionMonitorOptions.Section);
        services.AddMonitor<PositionMonitor>(PositionMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 200,
            Timeout = TimeSpan.FromSeconds(120),
            Description = "Jupiter positions of every active wallet, enriched with the latest prices; stale ones closed softly.",
        });

        services.AddConfiguredOptions<MarketMonitorOptions>(configuration, MarketMonitorOptions.Section);
        services.AddMonitor<MarketMonitor>(MarketMonitor.Name, r => r with
        {
            InCycle = true,
            Order = 500,
            Timeout = TimeSpan.FromSeconds(60),
            Toggle = SystemVarKeys.EnabledMarket,
            Description = "Price moves over 1h / 6h / 24h, anchors with ladder / reset / single re-arm, blast radius and the positions inside it.",
        });

        services.AddConfiguredOptions<LatencyMonitorOptions>(configuration, LatencyMonitorOptions.Section);
        services.AddHttpClient(LatencyMonitor.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).UseDemoWhen(demo);
        services.AddMonitor<LatencyMonitor>(LatencyMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromSeconds(60),
            Order = 900,
            Description = "HTTP GET to each configured target; Warning when slow, Error when a target fails.",
        });
        return services;
    }
}
