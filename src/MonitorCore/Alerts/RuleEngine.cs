namespace MonitorCore.Alerts;

/// <summary>
/// Every threshold decision of every monitor (docs/behaviour.md §6, "Alert V2"). Values are turned into a
/// "higher is worse" scale (BELOW negates; magnitude rules compare the negated value with the
/// magnitudes), so one set of comparisons serves all rules.
/// <para>A level is entered when its threshold is crossed and left only when the value moves back
/// past that threshold by the hysteresis margin, so a value hovering at a line does not flap.</para>
/// </summary>
public static class RuleEngine
{
    /// <summary>The level the value alone reaches, without hysteresis; null below the low threshold.</summary>
    public static AlertLevel? RawLevel(AlertRule rule, double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        var (x, low, medium, high) = Scale(rule, value);
        AlertLevel? level = x >= high ? AlertLevel.High : x >= medium ? AlertLevel.Medium : x >= low ? AlertLevel.Low : null;
        return Cap(rule, level);
    }

    /// <summary>The level after this value, given the level the alert is at now (null: not firing).</summary>
    public static AlertLevel? NextLevel(AlertRule rule, AlertLevel? current, double value)
    {
        var raw = RawLevel(rule, value);
        if (current is null || !double.IsFinite(value) || (raw is not null && raw >= current))
        {
            return raw;
        }

        var (x, low, medium, high) = Scale(rule, value);
        var margin = Margin(rule, low, high);
        // Below the current level: hold every level (up to the current one) whose line is not yet left by the margin.
        AlertLevel? held = x >= high - margin ? AlertLevel.High : x >= medium - margin ? AlertLevel.Medium : x >= low - margin ? AlertLevel.Low : null;
        held = Cap(rule, held);
        if (held > current)
        {
            held = current;
        }

        return Max(held, raw);
    }

    /// <summary>The higher of two levels, where null (not firing) is the lowest.</summary>
    public static AlertLevel? Max(AlertLevel? a, AlertLevel? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The strictest line the value has crossed, as written in the rule (for messages); null when none.</summary>
    public static double? CrossedLine(AlertRule rule, double value)
    {
        var (x, low, medium, high) = Scale(rule, value);
        return x >= high ? rule.High : x >= medium ? rule.Medium : x >= low ? rule.Low : null;
    }

    /// <summary>The threshold of a level, as written in the rule (for messages).</summary>
    public static double ThresholdOf(AlertRule rule, AlertLevel level) => level switch
    {
        AlertLevel.Low => rule.Low,
        AlertLevel.Medium => rule.Medium,
        _ => rule.High,
    };

    private static (double X, double Low, double Medium, double High) Scale(AlertRule rule, double value) =>
        rule.Condition == ThresholdCondition.Above
            ? (value, rule.Low, rule.Medium, rule.High)
            : rule.Magnitude
                ? (-value, rule.Low, rule.Medium, rule.High)
                : (-value, -rule.Low, -rule.Medium, -rule.High);

    private static double Margin(AlertRule rule, double low, double high)
    {
        var band = Math.Abs(high - low);
        return rule.Hysteresis * (band > 0 ? band : Math.Max(Math.Abs(low), 1e-9));
    }

    /// <summary>A breach of the high line fires at the rule's breach level (never above it).</summary>
    private static AlertLevel? Cap(AlertRule rule, AlertLevel? level) =>
        level is { } l && l > rule.BreachLevel ? rule.BreachLevel : level;
}
