namespace MonitorCore.Ledger;

/// <summary>
/// The authoritative record of every monitor run (<c>monitor_ledger</c>).
/// </summary>
public interface IMonitorLedger
{
    /// <summary>Stores one row durably and returns it with its id.</summary>
    Task<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Stores many rows in one transaction.</summary>
    Task AppendBatchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Stores imported rows, each with a key that identifies its source line; a key seen before
    /// is ignored. Returns how many rows were new.
    /// </summary>
    Task<int> ImportAsync(IReadOnlyList<ImportedLedgerEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// The newest row of each named monitor (by timestamp), read through an index; rows dated after
    /// <paramref name="notAfter"/> (the future, when it is now) are passed over.
    /// </summary>
    Task<IReadOnlyDictionary<string, LedgerEntry>> GetLatestAsync(
        IReadOnlyCollection<string> monitorNames, CancellationToken cancellationToken, DateTimeOffset? notAfter = null);

    /// <summary>The newest row of a monitor whose status is one of <paramref name="statuses"/>.</summary>
    Task<LedgerEntry?> GetLatestWithStatusAsync(
        string monitorName, IReadOnlyCollection<Monitoring.MonitorStatus> statuses, CancellationToken cancellationToken);

    /// <summary>Rows newest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken);

    /// <summary>How many rows there are, for one monitor or all.</summary>
    Task<long> CountAsync(string? monitorName, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes rows older than <paramref name="cutoff"/> (the retention policy) and returns how many; in the same
    /// transaction, their daily counts by monitor and status and their durations are added to the daily rollups first.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Runs per monitor, UTC day and status from <paramref name="since"/> on: the rollups of pruned rows and the rows
    /// still kept, added together; one monitor's or all, by day then monitor.
    /// </summary>
    Task<IReadOnlyList<LedgerDay>> DailyAsync(string? monitorName, DateOnly since, CancellationToken cancellationToken);
}

/// <summary>A ledger row read from a legacy source, with the key that makes its import idempotent.</summary>
public sealed record ImportedLedgerEntry(LedgerEntry Entry, string ImportKey);

/// <summary>A ledger query: newest first, at most <see cref="Limit"/> rows, optionally of one monitor and status, within a time range.</summary>
/// <param name="MonitorName">Only this monitor's rows.</param>
/// <param name="Limit">At most this many rows.</param>
/// <param name="Before">Only rows older than this one (paging: the last row of the previous page).</param>
/// <param name="Status">Only rows of this status.</param>
/// <param name="Since">Only rows at or after this time.</param>
/// <param name="Until">Only rows before this time.</param>
public sealed record LedgerQuery(
    string? MonitorName = null, int Limit = 50, LedgerCursor? Before = null, Monitoring.MonitorStatus? Status = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);

/// <summary>
/// A place in the ledger's newest-first order, (timestamp, id): the next page holds the rows before it.
/// As text, <c>&lt;unix microseconds&gt;.&lt;id&gt;</c>, opaque to clients.
/// </summary>
public sealed record LedgerCursor(DateTimeOffset Timestamp, long Id)
{
    public static LedgerCursor Of(LedgerEntry entry) => new(entry.Timestamp, entry.Id);

    public override string ToString() =>
        FormattableString.Invariant($"{(Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond}.{Id}");

    public static bool TryParse(string? text, out LedgerCursor cursor)
    {
        cursor = null!;
        var parts = text?.Split('.') ?? [];
        if (parts.Length != 2
            || !long.TryParse(parts[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || micros is < -62_135_596_800_000_000 or > 253_402_300_799_000_000)
        {
            return false;
        }

        cursor = new LedgerCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond), id);
        return true;
    }
}
