using Microsoft.Extensions.Options;
using MonitorCore.Data.Files;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Operations;

/// <summary>Ledger rows, newest first; <see cref="NextCursor"/> asks for the page after (null: no more).</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, string? NextCursor);

/// <summary>A line of a legacy ledger that was skipped, and why.</summary>
public sealed record MalformedLine(int Line, string Message);

/// <summary>What importing one legacy ledger file did.</summary>
public sealed record LedgerFileImport(string File, int Read, int Imported, int AlreadyPresent, IReadOnlyList<MalformedLine> Malformed);

/// <summary>
/// What importing legacy ledgers did, file by file; <see cref="OlderThanRetention"/> of the rows read are older than
/// <see cref="RetentionDays"/>: retention will delete them, keeping their daily counts.
/// </summary>
public sealed record LedgerImportResult(IReadOnlyList<LedgerFileImport> Files, int Malformed)
{
    public int OlderThanRetention { get; init; }

    public int RetentionDays { get; init; }
}

/// <summary>One monitor's runs on one UTC day: how many, by status, and their durations (over the runs that had one).</summary>
public sealed record LedgerDayView(string Day, string Monitor, long Runs, IReadOnlyDictionary<string, long> ByStatus, double? MinMs, double? AvgMs, double? MaxMs);

/// <summary>The ledger day by day over <see cref="Days"/> days, oldest first: the rollups of pruned rows and the rows still kept.</summary>
public sealed record LedgerDaily(int Days, IReadOnlyList<LedgerDayView> Rows);

/// <summary>Reading <c>monitor_ledger</c>, and backfilling it from the legacy JSON ledgers (spec improvement 2).</summary>
public sealed class LedgerOperations(IMonitorLedger ledger, HostSettings settings, IOptions<LedgerOptions> retention, TimeProvider time)
{
    public const int MaxLimit = 100_000;

    /// <summary>The longest <c>ledger --daily</c> asks for: a hundred years.</summary>
    public const int MaxDays = 36_500;

    /// <summary>
    /// Runs per monitor and UTC day over the last <paramref name="days"/> days (today included), from the daily
    /// rollups that retention keeps and the rows still in the ledger: readable for years.
    /// </summary>
    public async Task<LedgerDaily> DailyAsync(string? monitor, int days, CancellationToken cancellationToken)
    {
        OperationInput.Text(monitor, "monitor");
        if (days is < 1 or > MaxDays)
        {
            throw OperationException.Invalid($"days must be between 1 and {MaxDays}, got {days}.", "days");
        }

        var since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-(days - 1));
        var rows = await ledger.DailyAsync(string.IsNullOrWhiteSpace(monitor) ? null : monitor, since, cancellationToken);
        var views = rows
            .GroupBy(r => (r.Day, r.MonitorName))
            .Select(g =>
            {
                var timed = g.Sum(r => r.TimedRuns);
                var total = g.Where(r => r.AvgMs is not null).Sum(r => r.AvgMs!.Value * r.TimedRuns);
                return new LedgerDayView(
                    g.Key.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    g.Key.MonitorName,
                    g.Sum(r => r.Runs),
                    g.ToDictionary(r => r.Status.ToString(), r => r.Runs, StringComparer.Ordinal),
                    g.Min(r => r.MinMs),
                    timed > 0 ? Math.Round(total / timed, 3) : null,
                    g.Max(r => r.MaxMs));
            })
            .OrderBy(v => v.Day, StringComparer.Ordinal).ThenBy(v => v.Monitor, StringComparer.Ordinal)
            .ToList();
        return new LedgerDaily(days, views);
    }

    public async Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken)
    {
        OperationInput.Text(query.MonitorName, "monitor");
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw OperationException.Invalid($"limit must be between 1 and {MaxLimit}, got {query.Limit}.", "limit");
        }

        if (query.Since is { } since && query.Until is { } until && until <= since)
        {
            throw OperationException.Invalid($"until ({until:O}) must be after since ({since:O}).", "until");
        }

        var rows = await ledger.QueryAsync(query with { Limit = query.Limit + 1 }, cancellationToken);
        return rows.Count > query.Limit
            ? new LedgerPage([.. rows.Take(query.Limit)], LedgerCursor.Of(rows[query.Limit - 1]).ToString())
            : new LedgerPage(rows, null);
    }

    /// <summary>
    /// Imports legacy JSON-lines ledgers (files, or folders of <c>*_ledger.json</c>); paths are relative to
    /// the working directory. Importing the same lines twice adds nothing; malformed lines are named by
    /// number and skipped.
    /// </summary>
    public async Task<LedgerImportResult> ImportJsonAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(OperationInput.Text(path, "path")))
            {
                throw OperationException.Invalid("A path is empty: name a legacy ledger file or a folder of them.", "path");
            }

            var full = Path.GetFullPath(path, settings.BaseDirectory);
            if (Directory.Exists(full))
            {
                try
                {
                    files.AddRange(Directory.GetFiles(full, "*_ledger.json").Order(StringComparer.Ordinal));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw OperationException.Invalid($"{full} cannot be read: {ex.Message}", "path");
                }
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                throw OperationException.Invalid($"{full}: no such file or folder.", "path");
            }
        }

        // Every file is read before any row is stored: a file that cannot be read refuses the import whole.
        var parsedFiles = new List<(string File, LegacyLedgerParseResult Parsed)>();
        foreach (var file in files)
        {
            try
            {
                using var reader = new StreamReader(file);
                parsedFiles.Add((file, LegacyLedgerParser.Parse(reader, file, time.GetUtcNow() + LedgerEntry.FutureTolerance)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw OperationException.Invalid($"{file} cannot be read: {ex.Message} Nothing was imported.", "path");
            }
        }

        var reports = new List<LedgerFileImport>();
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(retention.Value.RetentionDays);
        var old = 0;
        foreach (var (file, parsed) in parsedFiles)
        {
            var imported = await ledger.ImportAsync(parsed.Entries, cancellationToken);
            old += parsed.Entries.Count(e => e.Entry.Timestamp < cutoff);
            reports.Add(new LedgerFileImport(
                file, parsed.Entries.Count, imported, parsed.Entries.Count - imported, [.. parsed.Errors.Select(e => new MalformedLine(e.LineNumber, e.Message))]));
        }

        return new LedgerImportResult(reports, reports.Sum(r => r.Malformed.Count)) { OlderThanRetention = old, RetentionDays = retention.Value.RetentionDays };
    }

    /// <summary>Reads a page cursor from a previous page's <see cref="LedgerPage.NextCursor"/>; null when empty.</summary>
    public static LedgerCursor? ParseCursor(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : LedgerCursor.TryParse(text, out var cursor) ? cursor
        : throw OperationException.Invalid($"cursor '{text}' is not a cursor this ledger gave out; start from the first page.", "cursor");

    /// <summary>Reads a status word (<c>Error</c>, <c>warning</c>) for a filter; null when empty.</summary>
    public static MonitorStatus? ParseStatus(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Vocabulary.TryParse<MonitorStatus>(text, out var status) ? status
        : throw OperationException.Invalid($"status '{text}' is not one of {string.Join(", ", Vocabulary.Words<MonitorStatus>())}.", "status");
}
