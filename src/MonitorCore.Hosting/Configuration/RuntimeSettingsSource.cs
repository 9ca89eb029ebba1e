using Microsoft.Extensions.Configuration;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// The runtime settings layer of the configuration: values set from the CLI, the API or the console and
/// kept in <c>system_vars</c> under their configuration key. It sits above the config file and below the
/// environment and the command line. <see cref="Provider.Reload"/> reads them again; a change raises the
/// configuration's reload token, so options read through <c>IOptionsSnapshot</c> or <c>IOptionsMonitor</c>
/// see it at their next read.
/// </summary>
public sealed class RuntimeSettingsSource(Func<IReadOnlyDictionary<string, string?>> read) : IConfigurationSource
{
    public const string Name = "runtime settings (system_vars)";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(read);

    /// <summary>Reads the stored runtime settings; reloading signals a change only when a value changed.</summary>
    public sealed class Provider(Func<IReadOnlyDictionary<string, string?>> read) : ConfigurationProvider, INamedConfigurationProvider
    {
        public string SourceName => Name;

        public override void Load() => Data = new Dictionary<string, string?>(read(), StringComparer.OrdinalIgnoreCase);

        /// <summary>Reads the settings again; true (and the reload token fires) when they changed.</summary>
        public bool Reload()
        {
            var fresh = read();
            if (fresh.Count == Data.Count && fresh.All(p => Data.TryGetValue(p.Key, out var v) && v == p.Value))
            {
                return false;
            }

            Data = new Dictionary<string, string?>(fresh, StringComparer.OrdinalIgnoreCase);
            OnReload();
            return true;
        }
    }
}
