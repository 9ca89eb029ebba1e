using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Configuration;
using MonitorCore.Data.Files;
using MonitorCore.Data.Repositories;
using MonitorCore.Events;
using MonitorCore.Health;
using MonitorCore.Heartbeat;
using MonitorCore.Leases;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Settings;
using MonitorCore.Wallets;

namespace MonitorCore.Data;

/// <summary>Registers the storage: the database (SQLite or PostgreSQL), every store of the core's contracts, and the file stores.</summary>
public static class DataServiceCollectionExtensions
{
    public const string TimerConfigKey = "Timers:Path";
    public const string DefaultTimerConfigPath = "config/timer_config.json";

    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (<c>Database</c>, <c>Ledger</c>, <c>Timers:Path</c>).</param>
    /// <param name="baseDirectory">Relative paths (a SQLite file, the timer file, JSON ledgers) start here.</param>
    /// <param name="readOnly">The process only reads the database (<see cref="Database.ReadOnly"/>).</param>
    public static IServiceCollection AddMonitorCoreStorage(this IServiceCollection services, IConfiguration configuration, string baseDirectory, bool readOnly = false)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddConfiguredOptions<DatabaseOptions>(configuration, "Database");
        services.AddConfiguredOptions<LedgerOptions>(configuration, "Ledger");
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return Database.Create(DatabaseLocation.Parse(options.Connection, baseDirectory), options, readOnly);
        });
        services.AddSingleton(sp => new DatabaseInitializer(
            sp.GetRequiredService<Database>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IMonitorLedger, MonitorLedgerRepository>();
        services.AddSingleton<IHeartbeatStore, HeartbeatRepository>();
        services.AddSingleton<ISystemVarStore, SystemVarRepository>();
        services.AddSingleton<IThresholdStore, AlertThresholdRepository>();
        services.AddSingleton<IPositionStore, PositionRepository>();
        services.AddSingleton<IPriceStore, PriceRepository>();
        services.AddSingleton<IWalletStore, WalletRepository>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<NotificationOutbox>());
        services.AddSingleton<IAlertStore, AlertRepository>();
        services.AddSingleton<ILeaseStore, LeaseRepository>();
        services.AddSingleton<SelfTest.ISelfCheck, DatabaseCheck>();
        services.TryAddSingleton<EventSignal>();
        services.AddSingleton<IEventLog, EventLogRepository>();
        services.AddSingleton<IStoredSources, StoredSourcesRepository>();
        services.AddSingleton<IDataVersion, DataVersionRepository>();

        services.AddSingleton(new ShownDefault("Timers", _ => new { Path = DefaultTimerConfigPath }));
        services.AddSingleton(sp => new TimerConfig(
            Path.GetFullPath(configuration[TimerConfigKey] ?? DefaultTimerConfigPath, baseDirectory),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMonitorIntervals>(sp => sp.GetRequiredService<TimerConfig>());
        services.AddSingleton<IEnumerable<ILedgerMirror>>(sp =>
        {
            var ledger = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            return ledger.WriteJsonLedgers
                ? [new JsonLedgerMirror(Path.GetFullPath(ledger.JsonLedgerFolder, baseDirectory))]
                : [];
        });
        return services;
    }
}
