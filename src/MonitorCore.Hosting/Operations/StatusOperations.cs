using MonitorCore.Health;

namespace MonitorCore.Hosting.Operations;

/// <summary>The status snapshot (<c>GET /status</c>, <c>monitorcore status</c>).</summary>
public sealed class StatusOperations(StatusSnapshotBuilder snapshots)
{
    public Task<StatusSnapshot> GetAsync(CancellationToken cancellationToken) => snapshots.BuildAsync(cancellationToken);
}
