using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Plugins;

/// <summary>
/// The entry point of a plugin assembly: a public class with a parameterless constructor that registers its
/// monitors (<c>services.AddMonitor&lt;TMonitor, TOptions&gt;(key)</c>) and channels
/// (<c>services.AddSingleton&lt;INotificationChannel, TChannel&gt;()</c>). A plugin is built against
/// <c>MonitorCore.dll</c> only, and dropped into <c>plugins/&lt;name&gt;/</c> with its own dependencies.
/// </summary>
public interface IMonitorCorePlugin
{
    /// <param name="services">The host's services: add registrations, never remove the host's.</param>
    /// <param name="configuration">The whole configuration; a plugin's options live under <c>Monitors:&lt;key&gt;</c> or its own section.</param>
    void Register(IServiceCollection services, IConfiguration configuration);
}
