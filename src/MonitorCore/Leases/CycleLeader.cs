namespace MonitorCore.Leases;

/// <summary>
/// The lease that makes one instance, of several sharing a database, the one that runs the cycle and the timed
/// monitors (docs/behaviour.md §9): its name, how long it lasts, and how often a leader renews it.
/// </summary>
public static class SchedulerLease
{
    public const string Name = "scheduler";

    /// <summary>A leader that stops renewing is replaced this long after its last renewal.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>A leader renews its lease at least this often (every loop of the scheduler).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Which instance runs the cycle, as <c>status</c> and <c>sonic</c> show it: who, since when, when it last
/// renewed its lease and how long the lease has left. A leader that has not renewed for more than two renewal
/// periods looks stopped (killed, frozen, cut off): another instance takes over when the lease runs out.
/// </summary>
/// <param name="Holder">The instance (<c>host:pid:id</c>).</param>
/// <param name="Since">Since when it holds the lease; null when not recorded.</param>
/// <param name="LastRenewed">Its newest renewal.</param>
/// <param name="ExpiresAt">When the lease runs out unless renewed.</param>
/// <param name="SecondsLeft">Seconds until then; 0 when past.</param>
/// <param name="Stale">It has not renewed for more than two renewal periods: it looks stopped.</param>
/// <param name="Expired">The lease has run out: the next instance to look takes over.</param>
public sealed record CycleLeader(
    string Holder, DateTimeOffset? Since, DateTimeOffset LastRenewed, DateTimeOffset ExpiresAt, double SecondsLeft, bool Stale, bool Expired)
{
    public static CycleLeader? From(LeaseHolder? lease, DateTimeOffset now)
    {
        if (lease is null)
        {
            return null;
        }

        var renewed = lease.ExpiresAt - SchedulerLease.Duration;
        var left = lease.ExpiresAt - now;
        return new CycleLeader(
            lease.Holder,
            lease.AcquiredAt,
            renewed,
            lease.ExpiresAt,
            Math.Max(0, Math.Round(left.TotalSeconds, 3)),
            now - renewed > SchedulerLease.RenewEvery * 2,
            left <= TimeSpan.Zero);
    }
}
