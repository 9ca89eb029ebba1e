namespace MonitorCore.Alerts;

/// <summary>
/// A threshold rule as the engine uses it: a triple with its condition, the margin a value must move
/// back by before the alert re-arms (hysteresis, a fraction of the band between low and high), the
/// channels of each level, and whether a resolve is announced.
/// </summary>
public sealed record AlertRule
{
    /// <summary>The rule's name, e.g. <c>LiquidationDistance</c>; alerts are keyed by (rule, subject).</summary>
    public required string Name { get; init; }

    /// <summary>The monitor that evaluates it.</summary>
    public required string Monitor { get; init; }

    public required ThresholdCondition Condition { get; init; }

    public required double Low { get; init; }

    public required double Medium { get; init; }

    public required double High { get; init; }

    /// <summary>The metric is negative and the triple gives magnitudes (travel −60 % breaches a low of 50).</summary>
    public bool Magnitude { get; init; }

    /// <summary>The fraction of the band (|high − low|) a value must move back past a threshold before its level is left.</summary>
    public double Hysteresis { get; init; } = 0.1;

    /// <summary>The level a crossing of <see cref="High"/> fires at (the liquidation monitor's <c>LIQ_MON_LEVEL</c>).</summary>
    public AlertLevel BreachLevel { get; init; } = AlertLevel.High;

    /// <summary>Channels per level; a level missing here uses <see cref="DefaultChannels"/>.</summary>
    public IReadOnlyDictionary<AlertLevel, IReadOnlyList<string>> Channels { get; init; } = new Dictionary<AlertLevel, IReadOnlyList<string>>();

    public bool NotifyOnResolve { get; init; } = true;

    /// <summary>An unacknowledged HIGH alert repeats its call this often.</summary>
    public TimeSpan EscalationInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>LOW → email; MEDIUM → SMS; HIGH → SMS + voice + sound (docs/behaviour.md §6).</summary>
    public static IReadOnlyList<string> DefaultChannels(AlertLevel level) => level switch
    {
        AlertLevel.Low => ["email"],
        AlertLevel.Medium => ["sms"],
        _ => ["sms", "voice", "sound"],
    };

    public IReadOnlyList<string> ChannelsFor(AlertLevel level) =>
        Channels.TryGetValue(level, out var channels) ? channels : DefaultChannels(level);

    /// <summary>A rule from a stored threshold row; its notify lists (e.g. <c>sms,voice</c>) choose the channels.</summary>
    public static AlertRule FromThreshold(AlertThreshold threshold, string monitor)
    {
        var channels = new Dictionary<AlertLevel, IReadOnlyList<string>>();
        void Add(AlertLevel level, string? list)
        {
            if (!string.IsNullOrWhiteSpace(list))
            {
                channels[level] = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToLowerInvariant())];
            }
        }

        Add(AlertLevel.Low, threshold.LowNotify);
        Add(AlertLevel.Medium, threshold.MediumNotify);
        Add(AlertLevel.High, threshold.HighNotify);
        return new AlertRule
        {
            Name = threshold.AlertType,
            Monitor = monitor,
            Condition = threshold.Condition,
            Low = threshold.Low,
            Medium = threshold.Medium,
            High = threshold.High,
            Magnitude = AlertThreshold.MagnitudeTypes.Contains(threshold.AlertType),
            Channels = channels,
        };
    }
}
