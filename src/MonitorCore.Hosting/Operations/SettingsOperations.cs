using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Data;
using MonitorCore.Events;
using MonitorCore.Heartbeat;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Operations;

/// <summary>
/// A runtime setting as it is in effect: its value, where that value came from (<c>default</c>, a file,
/// <c>runtime settings (system_vars)</c>, the environment, the command line), and what is stored at
/// runtime when something of higher precedence (the environment) hides it.
/// </summary>
public sealed record SettingView(string Key, string? Value, string Source, string Type, string Description, IReadOnlyList<string>? Choices, string? RuntimeValue);

public sealed record SettingList(IReadOnlyList<SettingView> Settings);

/// <summary>
/// The runtime settings (docs/behaviour.md §8): read with their source, changed and reset. A change is
/// validated like the configuration at start-up, stored in the database, and applies to a running
/// service from its next run (this process at once, another process within a few seconds). Each change
/// records a <c>settings_changed</c> event (kind <c>runtime_setting</c>, with the setting as it now is).
/// </summary>
public sealed class SettingsOperations(
    IServiceProvider services,
    IConfiguration configuration,
    ISystemVarStore store,
    IHeartbeatStore heartbeats,
    EventRecorder events)
{
    public const string HeartbeatSource = "runtime settings (monitor_heartbeat)";

    private static readonly Dictionary<string, string> SystemVarDefaults = new(StringComparer.Ordinal)
    {
        [SystemVarKeys.EnabledSonic.Name] = Text(SystemVarKeys.EnabledSonic.Default),
        [SystemVarKeys.EnabledProfit.Name] = Text(SystemVarKeys.EnabledProfit.Default),
        [SystemVarKeys.EnabledLiquid.Name] = Text(SystemVarKeys.EnabledLiquid.Default),
        [SystemVarKeys.EnabledMarket.Name] = Text(SystemVarKeys.EnabledMarket.Default),
        [SystemVarKeys.EnabledRisk.Name] = Text(SystemVarKeys.EnabledRisk.Default),
        [SystemVarKeys.ThemeMode.Name] = SystemVarKeys.ThemeMode.Default,
    };

    private IConfigurationRoot Root => (IConfigurationRoot)configuration;

    public async Task<SettingList> ListAsync(CancellationToken cancellationToken)
    {
        var effective = EffectiveConfiguration.Read(services, Root).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
        var stored = await store.ListRawAsync(cancellationToken);
        var views = new List<SettingView>();
        foreach (var setting in RuntimeSettingCatalog.All)
        {
            switch (setting.Store)
            {
                case SettingStore.Heartbeat:
                    views.Add(await HeartbeatViewAsync(setting, cancellationToken));
                    break;
                case SettingStore.SystemVar:
                    views.Add(SystemVarView(setting, stored));
                    break;
                default:
                    var keys = effective.Keys.Where(setting.Matches).Order(StringComparer.OrdinalIgnoreCase).ToList();
                    if (keys.Count == 0)
                    {
                        keys.Add(setting.Key);
                    }

                    views.AddRange(keys.Select(key => ConfigurationView(setting, key, effective, stored)));
                    break;
            }
        }

        return new SettingList(views);
    }

    /// <summary>One setting, by key.</summary>
    public async Task<SettingView> GetAsync(string key, CancellationToken cancellationToken)
    {
        var setting = Definition(key);
        return (await ListAsync(cancellationToken)).Settings.FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase))
               ?? new SettingView(key, null, "default", setting.Type, setting.Description, setting.Choices, null);
    }

    /// <summary>Changes a setting; a value its type or rules refuse is refused with the reason, and nothing is stored.</summary>
    public async Task<SettingView> SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        var setting = Definition(key);
        var text = Normalise(setting, key, value);
        switch (setting.Store)
        {
            case SettingStore.Heartbeat:
                await heartbeats.SetIntervalAsync(Heartbeats.Sonic, TimeSpan.FromSeconds(int.Parse(text, CultureInfo.InvariantCulture)), cancellationToken);
                break;
            case SettingStore.SystemVar:
                await store.SetRawAsync(setting.Key, setting.Type == "boolean" ? text : JsonSerializer.Serialize(text), cancellationToken);
                break;
            default:
                key = CanonicalKey(setting, key);
                CheckAgainstOptions(key, text);
                await store.SetRawAsync(key, JsonSerializer.Serialize(text), cancellationToken);
                MonitorCoreConfiguration.RuntimeLayer(Root)?.Reload();
                break;
        }

        return await ChangedAsync("set", key, cancellationToken);
    }

    /// <summary>Removes the runtime value: the file, the environment or the default applies again.</summary>
    public async Task<SettingView> ResetAsync(string key, CancellationToken cancellationToken)
    {
        var setting = Definition(key);
        switch (setting.Store)
        {
            case SettingStore.Heartbeat:
                await heartbeats.SetIntervalAsync(Heartbeats.Sonic, Heartbeats.DefaultSonicInterval, cancellationToken);
                break;
            case SettingStore.SystemVar:
                await store.DeleteAsync(setting.Key, cancellationToken);
                break;
            default:
                key = CanonicalKey(setting, key);
                await store.DeleteAsync(key, cancellationToken);
                MonitorCoreConfiguration.RuntimeLayer(Root)?.Reload();
                break;
        }

        return await ChangedAsync("reset", key, cancellationToken);
    }

    private async Task<SettingView> ChangedAsync(string action, string key, CancellationToken cancellationToken)
    {
        var view = await GetAsync(key, cancellationToken);
        await events.RecordSettingsChangedAsync("runtime_setting", action, view.Key, view);
        return view;
    }

    private static RuntimeSetting Definition(string key)
    {
        if (RuntimeSettingCatalog.Find(key) is { } setting)
        {
            return setting;
        }

        var near = Spelling.Nearest(key, RuntimeSettingCatalog.All.Select(s => s.Key)) is { } suggestion ? $" Did you mean '{suggestion}'?" : "";
        throw OperationException.NotFound(
            $"'{key}' is not a runtime setting.{near} Runtime settings: {string.Join(", ", RuntimeSettingCatalog.All.Select(s => s.Key))}. Anything else is set in the config file.",
            "key");
    }

    /// <summary>The value as configuration text of the setting's type; refuses what the type does not take.</summary>
    private static string Normalise(RuntimeSetting setting, string key, string value)
    {
        var text = value.Trim();
        string Refuse(string what) => throw OperationException.Invalid($"{key}: '{value}' is not {what}.", "value");
        switch (setting.Type)
        {
            case "boolean":
                return text.ToLowerInvariant() switch
                {
                    "true" or "on" or "yes" or "1" => "true",
                    "false" or "off" or "no" or "0" => "false",
                    _ => Refuse("true or false"),
                };
            case "integer":
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return Refuse("a whole number");
                }

                if (setting.Store == SettingStore.Heartbeat && whole is < 1 or > 86_400)
                {
                    throw OperationException.Invalid($"{key}: the cycle interval must be between 1 and 86400 seconds, got {whole}.", "value");
                }

                return whole.ToString(CultureInfo.InvariantCulture);
            case "number":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? number.ToString("R", CultureInfo.InvariantCulture)
                    : Refuse("a number");
            case "duration":
                return Durations.TryParse(text, out var duration, out var problem)
                    ? duration.ToString("c", CultureInfo.InvariantCulture)
                    : throw OperationException.Invalid($"{key}: {problem}", "value");
            case "choice":
                return setting.Choices!.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase))
                       ?? Refuse($"one of {string.Join(", ", setting.Choices!)}");
            default:
                return text;
        }
    }

    /// <summary>Binds and validates the section the key belongs to with the new value, as start-up would.</summary>
    private void CheckAgainstOptions(string key, string text)
    {
        var check = services.GetServices<OptionsCheck>()
            .Where(c => key.StartsWith(c.Section + ":", StringComparison.OrdinalIgnoreCase))
            .MaxBy(c => c.Section.Length);
        if (check is null)
        {
            return;
        }

        var candidate = new ConfigurationBuilder()
            .AddConfiguration(Root, shouldDisposeConfiguration: false)
            .AddInMemoryCollection([new KeyValuePair<string, string?>(key, text)])
            .Build();
        var problems = check.Check(services, candidate);
        if (problems.Count > 0)
        {
            throw OperationException.Invalid(string.Join("; ", problems), "value");
        }
    }

    private static string CanonicalKey(RuntimeSetting setting, string key) =>
        setting.Key.EndsWith(":*", StringComparison.Ordinal) ? setting.Key[..^1] + key[(setting.Key.Length - 1)..].ToUpperInvariant() : setting.Key;

    private async Task<SettingView> HeartbeatViewAsync(RuntimeSetting setting, CancellationToken cancellationToken)
    {
        var row = await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken);
        var seconds = (row?.Interval ?? Heartbeats.DefaultSonicInterval).TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return new SettingView(setting.Key, seconds, row is null ? "default" : HeartbeatSource, setting.Type, setting.Description, null, row is null ? null : seconds);
    }

    private static SettingView SystemVarView(RuntimeSetting setting, IReadOnlyDictionary<string, string> stored)
    {
        var runtime = stored.TryGetValue(setting.Key, out var raw) ? RuntimeSettingsReader.ToConfigurationValue(raw) : null;
        return new SettingView(
            setting.Key, runtime ?? SystemVarDefaults.GetValueOrDefault(setting.Key), runtime is null ? "default" : RuntimeSettingsSource.Name,
            setting.Type, setting.Description, setting.Choices, runtime);
    }

    private static SettingView ConfigurationView(
        RuntimeSetting setting, string key, Dictionary<string, ConfigEntry> effective, IReadOnlyDictionary<string, string> stored)
    {
        effective.TryGetValue(key, out var entry);
        var runtime = stored.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { } raw
            ? RuntimeSettingsReader.ToConfigurationValue(raw)
            : null;
        return new SettingView(entry?.Key ?? key, entry?.Value, entry?.Source ?? "default", setting.Type, setting.Description, setting.Choices, runtime);
    }

    private static string Text(bool value) => value ? "true" : "false";
}
