using System.Text.Json.Nodes;

namespace MonitorCore.Positions;

/// <summary>A stored position row that could not be read, kept with its raw values.</summary>
/// <param name="PositionId">Its id.</param>
/// <param name="Reason">Why it cannot be read.</param>
/// <param name="Raw">Its values as stored.</param>
/// <param name="Moved">Moved to <c>positions_quarantine</c>; false when the database was opened only to read (the next command that writes moves it).</param>
public sealed record QuarantinedPosition(string PositionId, string Reason, JsonObject Raw, bool Moved = true);

/// <summary>The positions that were read, and the rows moved to quarantine while reading.</summary>
public sealed record PositionReadResult(IReadOnlyList<Position> Positions, IReadOnlyList<QuarantinedPosition> Quarantined);

/// <summary><c>positions</c>: stored positions with their derived values. Nothing is hard-deleted.</summary>
public interface IPositionStore
{
    /// <summary>Inserts or updates positions in one transaction; refuses the batch if any is invalid.</summary>
    Task UpsertAsync(IReadOnlyList<Position> positions, CancellationToken cancellationToken);

    /// <summary>The positions of one status (all when null); unreadable rows are quarantined, not returned.</summary>
    Task<IReadOnlyList<Position>> ListAsync(PositionStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// Reads stored positions. A row that cannot be read (an unknown side or status, a number that is
    /// not a number, a negative size) is moved to <c>positions_quarantine</c> with the reason and its
    /// raw values, and reported; the rest are returned.
    /// </summary>
    Task<PositionReadResult> ReadAsync(PositionStatus? status, CancellationToken cancellationToken);

    /// <summary>The rows moved to quarantine so far, newest first.</summary>
    Task<IReadOnlyList<QuarantinedPosition>> ListQuarantineAsync(CancellationToken cancellationToken);
}
