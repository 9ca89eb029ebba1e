using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// Every use case of Monitor Core, one class per resource: what the CLI, the HTTP API, the dashboard and
/// the console call. Each method takes typed input and returns a typed result record (the contracts the
/// faces render or serialise), or throws <see cref="OperationException"/> saying what was wrong.
/// </summary>
public sealed class MonitorCoreOperations(IServiceProvider services)
{
    public MonitorOperations Monitors => services.GetRequiredService<MonitorOperations>();

    public StatusOperations Status => services.GetRequiredService<StatusOperations>();

    public LedgerOperations Ledger => services.GetRequiredService<LedgerOperations>();

    public PositionOperations Positions => services.GetRequiredService<PositionOperations>();

    public PriceOperations Prices => services.GetRequiredService<PriceOperations>();

    public ThresholdOperations Thresholds => services.GetRequiredService<ThresholdOperations>();

    public WalletOperations Wallets => services.GetRequiredService<WalletOperations>();

    public TimerOperations Timers => services.GetRequiredService<TimerOperations>();

    public AlertOperations Alerts => services.GetRequiredService<AlertOperations>();

    public NotificationOperations Notifications => services.GetRequiredService<NotificationOperations>();

    public SettingsOperations Settings => services.GetRequiredService<SettingsOperations>();

    public MarketOperations Market => services.GetRequiredService<MarketOperations>();

    public LiquidationOperations Liquidation => services.GetRequiredService<LiquidationOperations>();

    public ConfigOperations Config => services.GetRequiredService<ConfigOperations>();

    public StorageOperations Storage => services.GetRequiredService<StorageOperations>();

    public SelfTestOperations SelfTest => services.GetRequiredService<SelfTestOperations>();

    public SonicOperations Sonic => services.GetRequiredService<SonicOperations>();

    public SchemaOperations Schemas => services.GetRequiredService<SchemaOperations>();
}

/// <summary>Registers the operations.</summary>
public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddMonitorCoreOperations(this IServiceCollection services)
    {
        services.AddSingleton<MonitorCoreOperations>();
        services.AddSingleton<MonitorOperations>();
        services.AddSingleton<StatusOperations>();
        services.AddSingleton<LedgerOperations>();
        services.AddSingleton<PositionOperations>();
        services.AddSingleton<PriceOperations>();
        services.AddSingleton<ThresholdOperations>();
        services.AddSingleton<WalletOperations>();
        services.AddSingleton<TimerOperations>();
        services.AddSingleton<AlertOperations>();
        services.AddSingleton<NotificationOperations>();
        services.AddSingleton<SettingsOperations>();
        services.AddSingleton<MarketOperations>();
        services.AddSingleton<LiquidationOperations>();
        services.AddSingleton<ConfigOperations>();
        services.AddSingleton<StorageOperations>();
        services.AddSingleton<SelfTestOperations>();
        services.AddSingleton<SonicOperations>();
        services.AddSingleton<SchemaOperations>();
        services.AddSingleton<Configuration.ConfigurationSchemas>();
        return services;
    }
}
