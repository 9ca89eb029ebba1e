using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonitorCore.Configuration;
using MonitorCore.Events;
using MonitorCore.Notifications;

namespace MonitorCore.Alerts;

/// <summary>
/// Registers the alert lifecycle: the rule engine, the threshold rules, snoozes, the dispatcher's wake-up signal and
/// the event recorder (over the <see cref="IEventLog"/> that storage registers).
/// </summary>
public static class AlertingServiceCollectionExtensions
{
    public static IServiceCollection AddAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfiguredOptions<AlertingOptions>(configuration, AlertingOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnoozeService>();
        services.TryAddSingleton<NotificationSignal>();
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<ChannelCatalog>();
        services.TryAddSingleton<ThresholdRules>();
        services.TryAddSingleton<RuleLocks>();
        services.TryAddSingleton<IAlertEngine, AlertEngine>();
        return services;
    }
}
