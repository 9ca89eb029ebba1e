namespace MonitorCore.Monitors.Liquidation;

/// <summary>
/// The three lines <c>liquid_monitor</c> evaluates a position's liquidation distance (%) against (BELOW,
/// docs/behaviour.md §5): <see cref="High"/> is the breach line; a breach line above the stored medium (or
/// low) raises them to it, so that low ≥ medium ≥ high holds.
/// </summary>
public sealed record LiquidationLines(double Low, double Medium, double High)
{
    public const string Monitor = "liquid_monitor";

    /// <summary>The stored triple with <paramref name="breachLine"/> as its high.</summary>
    public static LiquidationLines Of(double storedLow, double storedMedium, double breachLine)
    {
        var medium = Math.Max(storedMedium, breachLine);
        return new LiquidationLines(Math.Max(storedLow, medium), medium, breachLine);
    }
}
