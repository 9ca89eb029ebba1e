using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Configuration;
using MonitorCore.Notifications.Alerting;
using MonitorCore.Monitoring;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Notifications.XCom;

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
        services.AddSingleton<TestNotifier>();
        services.AddNotificationChannels(configuration);
        services.AddMonitor<Twilio.TwilioMonitor>(Twilio.TwilioMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromSeconds(60),
            Order = 960,
            Description = "Verifies the Twilio credentials by fetching the account (no call placed).",
        });
        services.AddConfiguredOptions<XComOptions>(configuration, XComOptions.Section);
        services.AddMonitor<XComMonitor>(XComMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromDays(1),
            Timeout = TimeSpan.FromSeconds(90),
            Order = 950,
            Description = "Sends a LOW test notification (e-mail) through the outbox and dispatcher to prove delivery works.",
        });
        return services;
    }
}
