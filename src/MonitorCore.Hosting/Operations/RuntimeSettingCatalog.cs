namespace MonitorCore.Hosting.Operations;

/// <summary>Where a runtime setting is kept.</summary>
public enum SettingStore
{
    /// <summary>A configuration key, kept in <c>system_vars</c> under that key: the runtime layer of the configuration.</summary>
    Configuration,

    /// <summary>A <c>system_vars</c> key of the spec's own (<c>enabled_market</c>, <c>theme_mode</c>).</summary>
    SystemVar,

    /// <summary>The cycle interval, kept in <c>monitor_heartbeat.interval_seconds</c> as the spec says.</summary>
    Heartbeat,
}

/// <summary>A setting that can be changed while the service runs (from the CLI, the API or the console).</summary>
/// <param name="Key">Its name; a configuration key may end in <c>:*</c> for a family (an asset's line).</param>
/// <param name="Store">Where it is kept.</param>
/// <param name="Type"><c>number</c>, <c>integer</c>, <c>boolean</c>, <c>duration</c>, <c>choice</c> or <c>channels</c>.</param>
/// <param name="Description">What it does.</param>
/// <param name="Choices">The words a <c>choice</c> takes.</param>
public sealed record RuntimeSetting(string Key, SettingStore Store, string Type, string Description, IReadOnlyList<string>? Choices = null)
{
    public bool Matches(string key) =>
        Key.EndsWith(":*", StringComparison.Ordinal)
            ? key.StartsWith(Key[..^1], StringComparison.OrdinalIgnoreCase) && key.Length > Key.Length - 1 && !key[(Key.Length - 1)..].Contains(':', StringComparison.Ordinal)
            : string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The runtime settings (docs/behaviour.md §8): the cycle interval, the cycle's step toggles, the theme,
/// and the liquidation, market, position and alerting settings that the file or the environment may also
/// set. Profit is watched through its thresholds (<c>Profit/Position</c>, <c>TotalProfit/Portfolio</c>) and
/// its toggle. Anything else is changed in the config file.
/// </summary>
public static class RuntimeSettingCatalog
{
    public const string CycleInterval = "sonic_interval_seconds";

    private static readonly string[] Levels = ["LOW", "MEDIUM", "HIGH"];

    public static readonly IReadOnlyList<RuntimeSetting> All =
    [
        new(CycleInterval, SettingStore.Heartbeat, "integer", "Seconds between the starts of two sonic cycles (1 to 86400); applies from the next cycle."),
        new("enabled_sonic", SettingStore.SystemVar, "boolean", "Run the sonic cycle at all."),
        new("enabled_profit", SettingStore.SystemVar, "boolean", "Run profit_monitor in the cycle."),
        new("enabled_liquid", SettingStore.SystemVar, "boolean", "Run liquid_monitor in the cycle."),
        new("enabled_market", SettingStore.SystemVar, "boolean", "Run market_monitor in the cycle."),
        new("enabled_risk", SettingStore.SystemVar, "boolean", "Run risk_monitor in the cycle (off by default)."),
        new("theme_mode", SettingStore.SystemVar, "choice", "The dashboard's and console's theme.", ["dark", "light"]),

        new("Monitors:liquid_monitor:ThresholdPercent", SettingStore.Configuration, "number", "The breach line in % of the price (the HIGH line); unset: the LiquidationDistance threshold's high."),
        new("Monitors:liquid_monitor:AssetThresholds:*", SettingStore.Configuration, "number", "An asset's own breach line in %, e.g. Monitors:liquid_monitor:AssetThresholds:SOL."),
        new("Monitors:liquid_monitor:Level", SettingStore.Configuration, "choice", "The level a breach fires at (LIQ_MON_LEVEL).", Levels),
        new("Monitors:liquid_monitor:Enabled", SettingStore.Configuration, "boolean", "Evaluate liquidation distances at all (LIQ_MON_ENABLED)."),
        new("Monitors:liquid_monitor:EscalationSeconds", SettingStore.Configuration, "integer", "How often an unacknowledged breach calls again, in seconds (LIQ_MON_SNOOZE_SECONDS)."),
        new("Monitors:liquid_monitor:SmsAlert", SettingStore.Configuration, "boolean", "A breach sends an SMS (LIQ_MON_SMS_ALERT)."),
        new("Monitors:liquid_monitor:VoiceAlert", SettingStore.Configuration, "boolean", "A breach places a call (LIQ_MON_VOICE_ALERT)."),
        new("Monitors:liquid_monitor:SoundAlert", SettingStore.Configuration, "boolean", "A breach plays the sound (LIQ_MON_WINDOWS_ALERT)."),

        new("Monitors:market_monitor:ThresholdPercent", SettingStore.Configuration, "number", "A move of at least this many % over a window triggers (windows the market config does not set)."),
        new("Monitors:market_monitor:Direction", SettingStore.Configuration, "choice", "Which moves count.", ["BOTH", "UP", "DOWN"]),
        new("Monitors:market_monitor:AnchorDeltaPercent", SettingStore.Configuration, "number", "An asset triggers this many % from its anchor."),
        new("Monitors:market_monitor:AnchorMode", SettingStore.Configuration, "choice", "What an anchor does after it triggers.", ["LADDER", "RESET", "SINGLE"]),
        new("Monitors:market_monitor:MediumMultiplier", SettingStore.Configuration, "number", "A move of this many thresholds is MEDIUM."),
        new("Monitors:market_monitor:HighMultiplier", SettingStore.Configuration, "number", "A move of this many thresholds is HIGH."),
        new("Monitors:market_monitor:LowNotify", SettingStore.Configuration, "channels", "Channels of a LOW market alert (none: ledger only)."),
        new("Monitors:market_monitor:MediumNotify", SettingStore.Configuration, "channels", "Channels of a MEDIUM market alert."),
        new("Monitors:market_monitor:HighNotify", SettingStore.Configuration, "channels", "Channels of a HIGH market alert."),

        new("Monitors:position_monitor:StaleAfterMissedSyncs", SettingStore.Configuration, "integer", "An ACTIVE position missing from this many syncs becomes STALE_CLOSED."),

        new("Notifications:Alerting:PhoneRelax", SettingStore.Configuration, "duration", "After a call, no call for another alert until this has passed (hh:mm:ss)."),
        new("Notifications:Alerting:EscalationInterval", SettingStore.Configuration, "duration", "An unacknowledged HIGH alert calls again this often (hh:mm:ss)."),
        new("Notifications:Alerting:Hysteresis", SettingStore.Configuration, "number", "The share of a rule's band a value must move back before its level is left (0 to 1)."),
        new("Notifications:Alerting:NotifyOnResolve", SettingStore.Configuration, "boolean", "Announce resolves."),
    ];

    /// <summary>The definition a key falls under, or null when it cannot be changed at runtime.</summary>
    public static RuntimeSetting? Find(string key) => All.FirstOrDefault(s => s.Matches(key));
}
