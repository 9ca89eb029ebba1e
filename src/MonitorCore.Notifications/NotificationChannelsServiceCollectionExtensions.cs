using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MonitorCore.Configuration;
using MonitorCore.Notifications.Channels;
using MonitorCore.Notifications.Email;
using MonitorCore.Notifications.Slack;
using MonitorCore.Notifications.Sound;
using MonitorCore.Notifications.Twilio;
using MonitorCore.Notifications.Webhook;
using MonitorCore.SelfTest;

namespace MonitorCore.Notifications;

/// <summary>
/// Registers every channel as an <see cref="INotificationChannel"/> singleton, their options
/// (checked at start-up with full key names), their HTTP clients and the Twilio account check.
/// The HTTP clients have no retries (the dispatcher retries), follow no redirects (a redirected
/// POST would be re-sent as a GET) and log nothing (the URLs carry secrets).
/// </summary>
public static class NotificationChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChannelCatalog>();

        services.AddConfiguredOptions<SmtpOptions>(configuration, SmtpOptions.Section);
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<ISelfCheck, SmtpCheck>();

        services.AddConfiguredOptions<TwilioOptions>(configuration, TwilioOptions.Section);
        AddHttpClient(services, TwilioApi.HttpClientName);
        services.AddSingleton<TwilioApi>();
        services.AddSingleton<INotificationChannel, TwilioSmsChannel>();
        services.AddSingleton<INotificationChannel, TwilioVoiceChannel>();
        services.AddSingleton(sp => new TwilioAccountClient(
            sp.GetRequiredService<TwilioApi>(), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISelfCheck, TwilioCheck>();

        services.AddConfiguredOptions<SlackOptions>(configuration, SlackOptions.Section);
        AddHttpClient(services, SlackChannel.HttpClientName);
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<ISelfCheck>(sp => HostCheck(sp, ChannelNames.Slack, () => sp.GetRequiredService<IOptions<SlackOptions>>().Value.WebhookUrl));

        services.AddConfiguredOptions<WebhookOptions>(configuration, WebhookOptions.Section);
        AddHttpClient(services, WebhookChannel.HttpClientName);
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<ISelfCheck>(sp => HostCheck(sp, ChannelNames.Webhook, () => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Url));

        services.AddConfiguredOptions<SoundOptions>(configuration, SoundOptions.Section);
        services.AddSingleton<INotificationChannel>(sp => new SoundChannel(
            sp.GetRequiredService<IOptions<SoundOptions>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The self-check of a channel that posts to a URL: well formed and its host resolvable, nothing posted.</summary>
    private static WebhookHostCheck HostCheck(IServiceProvider services, string channel, Func<string?> url) =>
        new(channel, url, () => services.GetServices<INotificationChannel>().First(c => c.Name == channel).NotConfiguredReason);

    /// <summary>A named client whose deadline comes from the channel (on the injected clock), not from HttpClient.</summary>
    private static void AddHttpClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
}
