using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Monitoring;
using MonitorCore.Plugins;

namespace MonitorCore.Hosting.Plugins;

/// <summary>One folder of <c>plugins/</c>: what it loaded (its version and monitors), or why it could not.</summary>
public sealed record PluginInfo(string Name, string Folder, string? Version, IReadOnlyList<string> Monitors, string? Error);

/// <summary>The plugins found at start-up, loaded or not.</summary>
public sealed record LoadedPlugins(IReadOnlyList<PluginInfo> All);

/// <summary>
/// Loads <c>plugins/&lt;name&gt;/&lt;name&gt;.dll</c> at start-up, each in its own <see cref="AssemblyLoadContext"/> with an
/// <see cref="AssemblyDependencyResolver"/> (the runtime's own mechanism), and lets its
/// <see cref="IMonitorCorePlugin"/> classes register monitors and channels. The contracts (MonitorCore and the
/// Microsoft.Extensions assemblies the host has) are shared with the host; anything else the plugin brings is its
/// own. A plugin that fails to load or to register is reported with the reason; the rest start.
/// </summary>
public static class PluginLoader
{
    public const string FolderName = "plugins";

    public static LoadedPlugins Load(IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        var root = Path.Combine(baseDirectory, FolderName);
        if (!Directory.Exists(root))
        {
            return new LoadedPlugins([]);
        }

        var plugins = new List<PluginInfo>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var shown = Path.Combine(FolderName, name);
            var main = Path.Combine(folder, name + ".dll");
            if (!File.Exists(main))
            {
                plugins.Add(new PluginInfo(name, shown, null, [], $"no {name}.dll in {shown}: a plugin's main assembly is named after its folder"));
                continue;
            }

            var before = services.Count;
            try
            {
                var assembly = new PluginContext(main).LoadFromAssemblyPath(main);
                var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                    ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
                var entries = assembly.GetExportedTypes()
                    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMonitorCorePlugin).IsAssignableFrom(t))
                    .ToList();
                if (entries.Count == 0)
                {
                    plugins.Add(new PluginInfo(name, shown, version, [], $"{name}.dll has no public class implementing {nameof(IMonitorCorePlugin)}"));
                    continue;
                }

                foreach (var entry in entries)
                {
                    ((IMonitorCorePlugin)Activator.CreateInstance(entry)!).Register(services, configuration);
                }

                var monitors = new List<string>();
                for (var i = before; i < services.Count; i++)
                {
                    if (services[i].ImplementationInstance is MonitorRegistration registration)
                    {
                        services[i] = ServiceDescriptor.Singleton(registration with { Origin = $"plugin {name} {version}" });
                        monitors.Add(registration.Name);
                    }
                }

                plugins.Add(new PluginInfo(name, shown, version, monitors, null));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException
                                           or ReflectionTypeLoadException or MissingMethodException or TargetInvocationException
                                           or InvalidOperationException or ArgumentException or NotSupportedException)
            {
                // What a plugin half-registered before it failed is taken out again: it either loads whole or not at all.
                while (services.Count > before)
                {
                    services.RemoveAt(services.Count - 1);
                }

                var reason = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                plugins.Add(new PluginInfo(name, shown, null, [], $"{reason.GetType().Name}: {reason.Message}"));
            }
        }

        return new LoadedPlugins(plugins);
    }

    /// <summary>A plugin's own load context: shared contracts from the host, its private dependencies from its folder.</summary>
    private sealed class PluginContext(string mainAssembly) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssembly), isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // The host's copy of a contract it has (MonitorCore, Microsoft.Extensions.*) keeps types identical on both sides.
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
            }
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}

/// <summary>Says at start-up which plugins loaded and why any did not (the rest of the service runs either way).</summary>
internal sealed class PluginStartupReport(LoadedPlugins plugins, Microsoft.Extensions.Logging.ILogger<PluginStartupReport> logger) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins.All)
        {
            if (plugin.Error is null)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Plugin {Plugin} {Version} loaded: {Monitors}", plugin.Folder, plugin.Version, string.Join(", ", plugin.Monitors));
            }
            else
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "Plugin {Plugin} not loaded: {Reason}", plugin.Folder, plugin.Error);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
