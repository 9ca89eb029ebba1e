using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MonitorCore.Alerts;
using MonitorCore.Configuration;
using MonitorCore.Data;
using MonitorCore.Events;
using MonitorCore.Health;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Monitors.Checks;
using MonitorCore.Hosting.Events;
using MonitorCore.Hosting.Operations;
using MonitorCore.Hosting.Plugins;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Monitoring;
using MonitorCore.Monitors;
using MonitorCore.Notifications;
using MonitorCore.Settings;

namespace MonitorCore.Hosting;

/// <summary>
/// The one composition root: the service, every CLI command, the API and the tests call it, on whatever
/// .NET host they use (<c>Host.CreateApplicationBuilder</c>, <c>WebApplication.CreateBuilder</c>, or the
/// empty builder of a one-shot command). It adds Monitor Core's configuration sources to the host's
/// configuration, registers the engine with its options checked when the host starts, and leaves
/// logging to the host.
/// </summary>
public static class MonitorCoreHostBuilderExtensions
{
    public static TBuilder AddMonitorCore<TBuilder>(this TBuilder builder, HostSettings settings)
        where TBuilder : IHostApplicationBuilder
    {
        MonitorCoreConfiguration.AddSources(builder.Configuration, settings);
        builder.Services.AddMonitorCoreEngine(builder.Configuration, settings);
        return builder;
    }

    /// <summary>Everything but the configuration sources: storage, monitors, alerting, notifications, the event stream, background services and operations.</summary>
    private static IServiceCollection AddMonitorCoreEngine(this IServiceCollection services, IConfiguration configuration, HostSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared); // jitter; tests may register a seeded one

        services.AddSingleton<MonitorCore.SelfTest.ISelfCheck, ConfigurationCheck>(); // the self-test's first check
        services.AddMonitorCoreStorage(configuration, settings.BaseDirectory, settings.ReadOnly);
        services.AddSingleton<SystemVars>();
        services.AddSingleton<MonitorRunner>();
        services.AddSingleton(sp => new MonitorRegistry(sp.GetServices<MonitorRegistration>()));
        services.AddSingleton<ExpectedIntervals>();
        services.AddSingleton<DataMode>();
        services.AddSingleton<StatusSnapshotBuilder>();
        services.AddAlerting(configuration);
        services.AddBuiltInMonitors(configuration);
        services.AddNotifications(configuration);
        services.AddSingleton(PluginLoader.Load(services, configuration, settings.BaseDirectory));
        services.AddHostedService<PluginStartupReport>();
        services.AddDeclarativeChecks(configuration); // after every built-in monitor: a check may not take a built-in key

        services.AddConfiguredOptions<EventStreamOptions>(configuration, EventStreamOptions.Section);
        services.AddSingleton<EventStream>();
        services.AddSingleton<IEventStream>(sp => sp.GetRequiredService<EventStream>());
        services.AddSingleton<EventTail>();

        services.AddConfiguredOptions<WatchdogOptions>(configuration, WatchdogOptions.Section);
        services.AddHttpClient(Watchdog.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers(); // the URL is a secret
        services.AddSingleton<Watchdog>();
        services.AddSingleton<SonicCycle>();
        services.AddSingleton<Retention>();
        services.AddSingleton<MonitorScheduler>();
        services.AddSingleton<NotificationDispatchLoop>();
        services.AddSingleton<RuntimeSettingsWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventTail>());
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeSettingsWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatchLoop>());
        services.AddHostedService(sp => sp.GetRequiredService<MonitorScheduler>());
        services.AddHostedService(sp => sp.GetRequiredService<Retention>());

        services.AddMonitorCoreOperations();
        return services;
    }
}
