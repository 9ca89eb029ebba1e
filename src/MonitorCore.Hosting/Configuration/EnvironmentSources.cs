using Microsoft.Extensions.Configuration;

namespace MonitorCore.Hosting.Configuration;

/// <summary>A configuration provider with a name users understand, for <c>config show</c>.</summary>
public interface INamedConfigurationProvider
{
    string SourceName { get; }
}

/// <summary>Key/value settings under a given name (the command line, for instance).</summary>
internal sealed class NamedSource(string name, IReadOnlyDictionary<string, string?> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(name, values);

    private sealed class Provider(string name, IReadOnlyDictionary<string, string?> values)
        : ConfigurationProvider, INamedConfigurationProvider
    {
        public string SourceName => name;

        public override void Load() =>
            Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>
/// <c>MONITORCORE_*</c> variables: <c>MONITORCORE_Monitors__latency_monitor__SlowThreshold</c> is
/// <c>Monitors:latency_monitor:SlowThreshold</c>; <c>MONITORCORE_DB</c> is <c>Database:Connection</c> and
/// <c>MONITORCORE_URLS</c> is <c>Api:Urls</c>.
/// </summary>
internal sealed class PrefixedEnvironmentSource(IReadOnlyDictionary<string, string?> environment) : IConfigurationSource
{
    public const string Prefix = "MONITORCORE_";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(environment);

    private sealed class Provider(IReadOnlyDictionary<string, string?> environment) : ConfigurationProvider, INamedConfigurationProvider
    {
        public string SourceName => "environment (MONITORCORE_*)";

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in environment)
            {
                if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var key = name[Prefix.Length..];
                data[key.ToUpperInvariant() switch
                {
                    "DB" => "Database:Connection",
                    "URLS" => "Api:Urls",
                    _ => key.Replace("__", ":", StringComparison.Ordinal),
                }] = value;
            }

            Data = data;
        }
    }
}

/// <summary>
/// The spec's environment names (docs/behaviour.md §8): <c>LIQ_MON_*</c> for the liquidation monitor and
/// the provider names (<c>TWILIO_*</c>, <c>SMTP_*</c>, <c>SLACK_WEBHOOK</c>, <c>OPENAI_API_KEY</c>).
/// </summary>
internal sealed class LegacyEnvironmentSource(IReadOnlyDictionary<string, string?> environment) : IConfigurationSource
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LIQ_MON_THRESHOLD_PERCENT"] = "Monitors:liquid_monitor:ThresholdPercent",
        ["LIQ_MON_SNOOZE_SECONDS"] = "Monitors:liquid_monitor:EscalationSeconds",
        ["LIQ_MON_LEVEL"] = "Monitors:liquid_monitor:Level",
        ["LIQ_MON_ENABLED"] = "Monitors:liquid_monitor:Enabled",
        ["LIQ_MON_SMS_ALERT"] = "Monitors:liquid_monitor:SmsAlert",
        ["LIQ_MON_VOICE_ALERT"] = "Monitors:liquid_monitor:VoiceAlert",
        ["LIQ_MON_WINDOWS_ALERT"] = "Monitors:liquid_monitor:SoundAlert",
        ["TWILIO_ACCOUNT_SID"] = "Notifications:Twilio:AccountSid",
        ["TWILIO_AUTH_TOKEN"] = "Notifications:Twilio:AuthToken",
        ["TWILIO_PHONE_NUMBER"] = "Notifications:Twilio:FromNumber",
        ["MY_PHONE_NUMBER"] = "Notifications:Twilio:ToNumber",
        ["SMTP_SERVER"] = "Notifications:Smtp:Host",
        ["SMTP_PORT"] = "Notifications:Smtp:Port",
        ["SMTP_USERNAME"] = "Notifications:Smtp:Username",
        ["SMTP_PASSWORD"] = "Notifications:Smtp:Password",
        ["SMTP_DEFAULT_RECIPIENT"] = "Notifications:Smtp:To",
        ["SLACK_WEBHOOK"] = "Notifications:Slack:WebhookUrl",
        ["OPENAI_API_KEY"] = "Sources:OpenAI:ApiKey",
    };

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(environment);

    private sealed class Provider(IReadOnlyDictionary<string, string?> environment) : ConfigurationProvider, INamedConfigurationProvider
    {
        public string SourceName => "environment (legacy names)";

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (legacy, key) in Names)
            {
                if (environment.TryGetValue(legacy, out var value) && !string.IsNullOrEmpty(value))
                {
                    data[key] = value;
                }
            }

            Data = data;
        }
    }
}
