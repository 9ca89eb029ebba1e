using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Configuration;
using MonitorCore.Notifications.Alerting;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Notifications;

/// <summary>Registers the alert engine, snoozes, the outbox dispatcher and the notification channels.</summary>
public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfiguredOptions<AlertingOptions>(configuration, AlertingOptions.Section);
        services.AddConfiguredOptions<DispatchOptions>(configuration, DispatchOptions.Section);
        services.AddSingleton<SnoozeService>();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<IAlertEngine, AlertEngine>();
        services.AddSingleton<NotificationDispatcher>();
        return services;
    }
}
