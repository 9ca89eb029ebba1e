namespace MonitorCore.Alerts;

/// <summary>How many alerts fire at each level (for the status snapshot and badges).</summary>
public interface IAlertCounts
{
    Task<IReadOnlyDictionary<AlertLevel, int>> CountFiringAsync(CancellationToken cancellationToken);
}
