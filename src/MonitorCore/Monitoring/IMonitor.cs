namespace MonitorCore.Monitoring;

/// <summary>
/// One monitor: a single async method that returns a result. Expected failures ("the feed is
/// down") are returned as a result with status <see cref="MonitorStatus.Error"/>; the runner turns
/// anything thrown into an Error row as well, so a monitor never needs a catch-all of its own.
/// </summary>
public interface IMonitor
{
    Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken);
}
