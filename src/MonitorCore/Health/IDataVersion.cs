namespace MonitorCore.Health;

/// <summary>
/// The newest ledger row and the newest event in the database, whichever process or instance wrote them. Every run
/// appends a ledger row (the alerts it changed and a cycle's heartbeat with it) and every snooze or setting change
/// records an event, so when neither id moved, what the status snapshot is made of has not changed.
/// </summary>
public readonly record struct DataVersion(long LedgerId, long EventId);

/// <summary>Reads the <see cref="DataVersion"/>: one query on indexed maxima, far cheaper than the snapshot.</summary>
public interface IDataVersion
{
    Task<DataVersion> ReadAsync(CancellationToken cancellationToken);
}
