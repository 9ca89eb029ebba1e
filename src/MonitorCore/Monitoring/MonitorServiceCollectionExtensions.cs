using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
}
