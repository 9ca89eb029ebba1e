using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonitorCore.Configuration;

namespace MonitorCore.Monitoring;

/// <summary>Adds monitors to the registry from anywhere: a plugin registers, the registry never changes.</summary>
public static class MonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TMonitor"/> under <paramref name="name"/>; it is built per run in the
    /// run's scope. <paramref name="configure"/> sets interval, timeout, order and the rest.
    /// </summary>
    public static IServiceCollection AddMonitor<TMonitor>(
        this IServiceCollection services,
        string name,
        Func<MonitorRegistration, MonitorRegistration>? configure = null)
        where TMonitor : class, IMonitor
    {
        services.TryAddTransient<TMonitor>();
        var registration = new MonitorRegistration(name, sp => sp.GetRequiredService<TMonitor>());
        services.AddSingleton(configure?.Invoke(registration) ?? registration);
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TMonitor"/> under <paramref name="name"/> with its own options, bound from
    /// <c>Monitors:&lt;name&gt;</c> as the options named <paramref name="name"/>. A monitor type can be registered
    /// under several keys, each with its own section; the monitor reads its options with
    /// <c>IOptionsSnapshot&lt;TOptions&gt;.Get(context.Name)</c>.
    /// </summary>
    public static IServiceCollection AddMonitor<TMonitor, TOptions>(
        this IServiceCollection services,
        string name,
        Func<MonitorRegistration, MonitorRegistration>? configure = null)
        where TMonitor : class, IMonitor
        where TOptions : class
    {
        services.AddConfiguredOptions<TOptions>(SectionOf(name), name);
        return services.AddMonitor<TMonitor>(name, configure);
    }

    /// <summary>The configuration section of a monitor's options: <c>Monitors:&lt;name&gt;</c>.</summary>
    public static string SectionOf(string name) => "Monitors:" + name;
}
