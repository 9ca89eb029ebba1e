using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonitorCore.Configuration;
using MonitorCore.Events;
using MonitorCore.Monitoring;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Notifications.Twilio;
using MonitorCore.Notifications.XCom;

namespace MonitorCore.Notifications;

/// <summary>Registers the outbox dispatcher, the notification channels and the monitors that watch delivery.</summary>
public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfiguredOptions<DispatchOptions>(configuration, DispatchOptions.Section);
        services.TryAddSingleton<ChannelCatalog>();
        services.TryAddSingleton<EventRecorder>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<TestNotifier>();
        services.AddNotificationChannels(configuration);
        services.AddMonitor<TwilioMonitor>(TwilioMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromSeconds(60),
            Order = 960,
            Description = "Verifies the Twilio credentials by fetching the account (no call placed).",
        });
        services.AddMonitor<XComMonitor, XComOptions>(XComMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromDays(1),
            Timeout = TimeSpan.FromSeconds(90),
            Order = 950,
            Description = "Sends a LOW test notification (e-mail) through the outbox and dispatcher to prove delivery works.",
        });
        return services;
    }
}
