using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Alerts;

/// <summary>
/// A threshold (type, class) that a monitor reads from <c>alert_thresholds</c>: what exists to be set or deleted.
/// A threshold nothing reads would never fire, so one is refused unless a monitor declares it (a plugin with
/// <see cref="ThresholdTypeServiceCollectionExtensions.AddThresholdType"/>).
/// </summary>
/// <param name="AlertType">e.g. <c>LiquidationDistance</c>.</param>
/// <param name="AlertClass">e.g. <c>Position</c>.</param>
/// <param name="Monitor">The monitor that evaluates it.</param>
public sealed record ThresholdType(string AlertType, string AlertClass, string Monitor);

public static class ThresholdTypeServiceCollectionExtensions
{
    /// <summary>Declares that <paramref name="monitor"/> reads the threshold (type, class).</summary>
    public static IServiceCollection AddThresholdType(this IServiceCollection services, string alertType, string alertClass, string monitor) =>
        services.AddSingleton(new ThresholdType(alertType, alertClass, monitor));
}
