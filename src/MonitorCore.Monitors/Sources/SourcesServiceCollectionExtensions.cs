using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MonitorCore.Configuration;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Demo;

namespace MonitorCore.Monitors.Sources;

/// <summary>Registers the service clients: timeouts, retries with backoff, a circuit breaker; the demo market in demo mode.</summary>
public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the clients; returns the market mode, which decides at registration time whether the
    /// clients' handler is the demo market.
    /// </summary>
    public static MarketMode AddMarketSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfiguredOptions<SourcesOptions>(configuration, SourcesOptions.Section);
        var demo = configuration.GetSection(SourcesOptions.Section).GetValue<string>(nameof(SourcesOptions.Mode))
            ?.Equals(nameof(SourceMode.Demo), StringComparison.OrdinalIgnoreCase) == true;
        var mode = new MarketMode(demo);
        services.AddSingleton(mode);
        services.AddSingleton<DemoMarket>();

        AddClient(services, CoinGeckoClient.Name, s => s.CoinGecko, demo);
        AddClient(services, YahooClient.Name, s => s.Yahoo, demo);
        AddClient(services, JupiterClient.Name, s => s.Jupiter, demo);
        services.AddSingleton<CoinGeckoClient>();
        services.AddSingleton<YahooClient>();
        services.AddSingleton<JupiterClient>();
        return mode;
    }

    /// <summary>In demo mode every named client (the latency monitor's too) is answered by the demo market.</summary>
    public static IHttpClientBuilder UseDemoWhen(this IHttpClientBuilder builder, bool demo) =>
        demo ? builder.ConfigurePrimaryHttpMessageHandler(sp => new DemoMarketHandler(sp.GetRequiredService<DemoMarket>())) : builder;

    private static void AddClient(IServiceCollection services, string name, Func<SourcesOptions, SourceOptions> source, bool demo)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseDemoWhen(demo)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
            {
                var sources = sp.GetRequiredService<IOptions<SourcesOptions>>().Value;
                var settings = sources.Resilience;
                var attempt = source(sources).Timeout;
                o.AttemptTimeout.Timeout = attempt;
                // Polly needs at least one attempt; zero retries means the retry never handles anything.
                o.Retry.MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts);
                if (settings.MaxRetryAttempts == 0)
                {
                    o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                }

                o.Retry.Delay = settings.RetryBaseDelay;
                o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
                o.TotalRequestTimeout.Timeout = attempt * (settings.MaxRetryAttempts + 1) + TimeSpan.FromSeconds(30) * settings.MaxRetryAttempts + TimeSpan.FromSeconds(1);
                o.CircuitBreaker.FailureRatio = settings.BreakerFailureRatio;
                o.CircuitBreaker.MinimumThroughput = settings.BreakerMinimumThroughput;
                o.CircuitBreaker.BreakDuration = settings.BreakDuration;
                o.CircuitBreaker.SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(60) ? attempt * 2 : TimeSpan.FromSeconds(60);
            });
    }
}
