namespace MonitorCore.Alerts;

/// <summary><c>alert_thresholds</c>. A triple that breaks its ordering rule is refused with the rule it breaks.</summary>
public interface IThresholdStore
{
    Task<IReadOnlyList<AlertThreshold>> ListAsync(CancellationToken cancellationToken);

    Task<AlertThreshold?> GetAsync(string alertType, string alertClass, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the threshold of (type, class); refuses an invalid triple with <see cref="ArgumentException"/>.</summary>
    Task<AlertThreshold> UpsertAsync(AlertThreshold threshold, CancellationToken cancellationToken);

    /// <summary>Deletes the threshold of (type, class); false when there was none.</summary>
    Task<bool> DeleteAsync(string alertType, string alertClass, CancellationToken cancellationToken);
}
