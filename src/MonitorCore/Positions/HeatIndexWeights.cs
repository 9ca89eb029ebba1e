using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Positions;

/// <summary>
/// The <c>Positions:HeatIndex</c> section: the exponents and clamps of the heat index (docs/behaviour.md §4),
/// heat = (1 − ndl)^<see cref="DistanceExponent"/> × (leverage / 100)^<see cref="LeverageExponent"/>
/// × (1 − min(collateral / size, 1))^<see cref="CollateralExponent"/> × 100, clamped to
/// [<see cref="Min"/>, <see cref="Max"/>]. The defaults are the spec's: 0.6, 0.3, 0.1, 5 and 75.
/// </summary>
public sealed class HeatIndexWeights : IValidatableObject
{
    public const string Section = "Positions:HeatIndex";

    /// <summary>Exponent of the share of the entry-to-liquidation range already used (1 − ndl).</summary>
    [Range(0.0, 10.0)]
    public double DistanceExponent { get; set; } = 0.6;

    /// <summary>Exponent of leverage / 100.</summary>
    [Range(0.0, 10.0)]
    public double LeverageExponent { get; set; } = 0.3;

    /// <summary>Exponent of 1 − min(collateral / size, 1), the share of the notional not covered by collateral.</summary>
    [Range(0.0, 10.0)]
    public double CollateralExponent { get; set; } = 0.1;

    /// <summary>The lowest heat reported.</summary>
    [Range(0.0, 100.0)]
    public double Min { get; set; } = 5;

    /// <summary>The highest heat reported.</summary>
    [Range(0.0, 100.0)]
    public double Max { get; set; } = 75;

    /// <summary>Says what is wrong with the weights; null when they are usable.</summary>
    public static string? Problem(HeatIndexWeights w)
    {
        if (!double.IsFinite(w.DistanceExponent) || !double.IsFinite(w.LeverageExponent) || !double.IsFinite(w.CollateralExponent)
            || !double.IsFinite(w.Min) || !double.IsFinite(w.Max))
        {
            return "heat index weights must be finite numbers";
        }

        if (w.DistanceExponent < 0 || w.LeverageExponent < 0 || w.CollateralExponent < 0)
        {
            return "heat index exponents must not be negative";
        }

        return w.Min <= w.Max ? null : $"heat index needs min ≤ max, got {w.Min} / {w.Max}";
    }

    /// <summary>Data-annotation hook: the rules the ranges alone cannot say (finite, min ≤ max).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Problem(this) is { } problem)
        {
            // The ranges already refuse NaN, infinities and negative exponents, so this is min > max.
            yield return new ValidationResult(problem, [nameof(Max)]);
        }
    }
}
