namespace MonitorCore.Leases;

/// <summary>Who holds a lease, until when, and since when (null for a lease taken before that was recorded).</summary>
public sealed record LeaseHolder(string Name, string Holder, DateTimeOffset ExpiresAt, DateTimeOffset? AcquiredAt = null);

/// <summary>
/// <c>leases</c>: a named lease held by one instance at a time. Taking it succeeds when nobody holds
/// it, when its holder let it expire, or when the taker already holds it (a renewal), atomically, so
/// two instances can never both hold it. A renewal keeps the time it was first taken.
/// </summary>
public interface ILeaseStore
{
    Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once (on shutdown), so another instance need not wait for it to expire.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken);

    Task<LeaseHolder?> GetAsync(string name, CancellationToken cancellationToken);
}
