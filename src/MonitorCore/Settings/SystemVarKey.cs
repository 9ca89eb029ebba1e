namespace MonitorCore.Settings;

/// <summary>A typed <c>system_vars</c> key with the value it has when nothing is stored.</summary>
public sealed record SystemVarKey<T>(string Name, T Default);

/// <summary>The keys the product itself reads and writes.</summary>
public static class SystemVarKeys
{
    public static readonly SystemVarKey<bool> EnabledSonic = new("enabled_sonic", true);
    public static readonly SystemVarKey<bool> EnabledMarket = new("enabled_market", true);
    public static readonly SystemVarKey<bool> EnabledProfit = new("enabled_profit", true);
    public static readonly SystemVarKey<bool> EnabledLiquid = new("enabled_liquid", true);
    public static readonly SystemVarKey<bool> EnabledRisk = new("enabled_risk", false);
    public static readonly SystemVarKey<string> ThemeMode = new("theme_mode", "dark");
}
