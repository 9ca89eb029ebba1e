using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonitorCore.Configuration;
using MonitorCore.Data;
using MonitorCore.Data.Files;
using MonitorCore.Data.Repositories;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Monitors;
using MonitorCore.Notifications;
using MonitorCore.Settings;

namespace MonitorCore.Hosting;

/// <summary>The one composition root: the server, every CLI command and the tests call it.</summary>
public static class MonitorCoreServiceCollectionExtensions
{
    public const string TimerConfigKey = "Timers:Path";
    public const string DefaultTimerConfigPath = "config/timer_config.json";

    public static IServiceCollection AddMonitorCore(this IServiceCollection services, IConfiguration configuration, HostSettings settings)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared); // jitter; tests may register a seeded one
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("Polly", LogLevel.Warning);
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });

        services.AddConfiguredOptions<DatabaseOptions>(configuration, "Database");
        services.AddConfiguredOptions<LedgerOptions>(configuration, "Ledger");
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return Database.Create(DatabaseLocation.Parse(options.Connection, settings.BaseDirectory), options);
        });
        services.AddSingleton(sp => new DatabaseInitializer(
            sp.GetRequiredService<Database>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<MonitorLedgerRepository>();
        services.AddSingleton<IMonitorLedger>(sp => sp.GetRequiredService<MonitorLedgerRepository>());
        services.AddSingleton<IHeartbeatStore, HeartbeatRepository>();
        services.AddSingleton<ISystemVarStore, SystemVarRepository>();
        services.AddSingleton<SystemVars>();
        services.AddSingleton<AlertThresholdRepository>();
        services.AddSingleton<PositionRepository>();
        services.AddSingleton<PriceRepository>();
        services.AddSingleton<WalletRepository>();
        services.AddSingleton<AlertRepository>();
        services.AddSingleton<MonitorCore.Alerts.IAlertCounts>(sp => sp.GetRequiredService<AlertRepository>());
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<LeaseRepository>();

        services.AddSingleton(sp => new TimerConfig(
            Path.GetFullPath(configuration[TimerConfigKey] ?? DefaultTimerConfigPath, settings.BaseDirectory),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMonitorIntervals>(sp => sp.GetRequiredService<TimerConfig>());
        services.AddSingleton<IEnumerable<ILedgerMirror>>(sp =>
        {
            var ledger = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            return ledger.WriteJsonLedgers
                ? [new JsonLedgerMirror(Path.GetFullPath(ledger.JsonLedgerFolder, settings.BaseDirectory))]
                : [];
        });

        services.AddSingleton<MonitorRunner>();
        services.AddSingleton(sp => new MonitorRegistry(sp.GetServices<MonitorRegistration>()));
        services.AddSingleton<MonitorCoreController>();
        services.AddSingleton<Scheduling.SonicCycle>();
        services.AddSingleton<Scheduling.Retention>();
        services.AddSingleton<Scheduling.MonitorScheduler>();
        services.AddSingleton<Scheduling.NotificationDispatchLoop>();
        services.AddBuiltInMonitors(configuration);
        services.AddNotifications(configuration);
        return services;
    }
}
