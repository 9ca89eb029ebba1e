using MonitorCore.Leases;

namespace MonitorCore.Data.Repositories;

/// <summary>
/// <c>leases</c>: a named lease held by one instance at a time. Taking it succeeds when nobody holds
/// it, when its holder let it expire, or when the taker already holds it (a renewal), in one atomic
/// statement, so two instances can never both hold it. <c>acquired_at</c> is kept through renewals.
/// </summary>
internal sealed class LeaseRepository(Database database) : ILeaseStore
{
    public async Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES (@name, @holder, @expires, @now) " +
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, " +
            "acquired_at = CASE WHEN leases.holder = excluded.holder THEN COALESCE(leases.acquired_at, excluded.acquired_at) ELSE excluded.acquired_at END " +
            "WHERE leases.holder = excluded.holder OR leases.expires_at < @now RETURNING holder");
        command.Add("@name", name);
        command.Add("@holder", holder);
        command.Add("@expires", database.ToDb(now + duration));
        command.Add("@now", database.ToDb(now));
        return await command.ExecuteScalarAsync(cancellationToken) is string taken && taken == holder;
    }

    /// <summary>Gives the lease up at once (on shutdown), so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM leases WHERE name = @name AND holder = @holder");
        command.Add("@name", name);
        command.Add("@holder", holder);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LeaseHolder?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT name, holder, expires_at, acquired_at FROM leases WHERE name = @name");
        command.Add("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LeaseHolder(reader.GetString(0), reader.GetString(1), database.ReadTimestamp(reader, 2), reader.IsDBNull(3) ? null : database.ReadTimestamp(reader, 3))
            : null;
    }
}
