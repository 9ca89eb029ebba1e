using Microsoft.Extensions.Options;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Positions;
using MonitorCore.Prices;

namespace MonitorCore.Hosting.Operations;

/// <summary>A stored row that could not be read and was moved to <c>positions_quarantine</c> (or will be, by the next command that writes, when not <paramref name="Moved"/>).</summary>
public sealed record QuarantineNotice(string PositionId, string Reason, bool Moved = true);

/// <summary>Stored positions with their math, and the portfolio totals of the ACTIVE ones among them.</summary>
public sealed record PositionList(IReadOnlyList<Position> Positions, PortfolioTotals Totals, IReadOnlyList<QuarantineNotice> Quarantined);

/// <summary>A row of a positions file that was skipped, by line.</summary>
public sealed record SkippedRow(int Line, string Message);

/// <summary>What importing a positions file did; with <c>replace</c>, the ids of the file positions it closed for being missing from it.</summary>
public sealed record PositionImportResult(string File, int Imported, IReadOnlyList<SkippedRow> Skipped)
{
    public IReadOnlyList<string> Closed { get; init; } = [];
}

/// <summary>A position closed by hand, and the status it had.</summary>
public sealed record PositionCloseResult(Position Position, PositionStatus Was);

/// <summary>Stored positions, and positions from a file for traders not on Jupiter.</summary>
public sealed class PositionOperations(
    IPositionStore positions,
    IPriceStore prices,
    IOptions<HeatIndexWeights> weights,
    HostSettings settings,
    TimeProvider time)
{
    /// <summary>The positions of one status (all when null), as stored by the last sync or import.</summary>
    public async Task<PositionList> ListAsync(PositionStatus? status, CancellationToken cancellationToken)
    {
        var read = await positions.ReadAsync(status, cancellationToken);
        return new PositionList(
            read.Positions,
            PortfolioTotals.Compute(read.Positions),
            [.. read.Quarantined.Select(q => new QuarantineNotice(q.PositionId, q.Reason, q.Moved))]);
    }

    /// <summary>
    /// Imports a JSON or CSV file of positions (path relative to the working directory): each good row is
    /// stored with its math at the latest stored price; each bad row is named by line and skipped. With
    /// <paramref name="replace"/> the file is the whole set of positions from files (docs/behaviour.md §4).
    /// </summary>
    public async Task<PositionImportResult> ImportAsync(string path, bool replace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(OperationInput.Text(path, "file")))
        {
            throw OperationException.Invalid("The file name is empty: name a JSON or CSV file.", "file");
        }

        var full = Path.GetFullPath(path, settings.BaseDirectory);
        if (Directory.Exists(full))
        {
            throw OperationException.Invalid($"{full} is a folder: name a JSON or CSV file.", "file");
        }

        if (!File.Exists(full))
        {
            throw OperationException.Invalid($"{full}: no such file.", "file");
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(full, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OperationException.Invalid($"{full} cannot be read: {ex.Message}", "file");
        }

        return await ImportTextAsync(text, full, replace, cancellationToken);
    }

    /// <summary>
    /// Imports positions from text (a request body): CSV or JSON, told by <paramref name="name"/>'s extension,
    /// else by the first character. Bad rows are named by line and skipped. With <paramref name="replace"/> the
    /// text is the whole set of positions from files: every ACTIVE position of source <c>file</c> missing from it
    /// is closed (STALE_CLOSED) in the same transaction, so its alerts resolve at the next evaluation; a text with
    /// any bad row, or with no position at all, is refused whole (nothing stored, nothing closed), since it
    /// cannot say which positions exist.
    /// </summary>
    public async Task<PositionImportResult> ImportTextAsync(string text, string name, bool replace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = await prices.GetLatestAllAsync(cancellationToken);
        var parsed = Enrich(PositionFileParser.Parse(text, name, now), latest);
        if (replace && parsed.Errors.Count > 0)
        {
            throw OperationException.Invalid(
                $"{name}: nothing imported or closed: --replace takes the file as the whole set of positions, and {parsed.Errors.Count} row(s) cannot be read: " +
                string.Join("; ", parsed.Errors.Take(20).Select(e => $"line {e.Line}: {e.Message}")) + (parsed.Errors.Count > 20 ? $"; and {parsed.Errors.Count - 20} more" : "") + ".",
                "file");
        }

        if (replace && parsed.Positions.Count == 0)
        {
            throw OperationException.Invalid(
                $"{name} holds no positions: --replace would close every position imported from files. Close them one by one with 'monitorcore positions close ID'.", "file");
        }

        var enriched = parsed.Positions;
        var closed = new List<Position>();
        if (replace)
        {
            var inFile = enriched.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            closed.AddRange((await positions.ListAsync(PositionStatus.Active, cancellationToken))
                .Where(p => p.Source == PositionFileParser.Source && !inFile.Contains(p.Id))
                .Select(p => p with { Status = PositionStatus.StaleClosed, Stale = p.Stale + 1, LastUpdated = now }));
        }

        await positions.UpsertAsync([.. enriched, .. closed], cancellationToken);
        return new PositionImportResult(name, enriched.Count, [.. parsed.Errors.Select(e => new SkippedRow(e.Line, e.Message))])
        {
            Closed = [.. closed.Select(p => p.Id)],
        };
    }

    /// <summary>
    /// Each row with its math at the latest price; a row whose math cannot be stored (a collateral so small that the
    /// leverage is infinite, a size that overflows the value) joins the bad rows by its line, so the good rows are kept.
    /// </summary>
    private PositionFileResult Enrich(PositionFileResult parsed, IReadOnlyDictionary<string, PriceQuote> latest)
    {
        var good = new List<Position>(parsed.Positions.Count);
        var lines = new List<int>(parsed.Positions.Count);
        var errors = parsed.Errors.ToList();
        for (var i = 0; i < parsed.Positions.Count; i++)
        {
            var enriched = PositionMath.EnrichAtLatest(parsed.Positions[i], latest, weights.Value);
            var line = i < parsed.Lines.Count ? parsed.Lines[i] : 0;
            if (PositionValidator.Problem(enriched) is { } problem)
            {
                errors.Add(new PositionFileError(line, problem));
                continue;
            }

            good.Add(enriched);
            lines.Add(line);
        }

        return new PositionFileResult(good, [.. errors.OrderBy(e => e.Line)]) { Lines = lines };
    }

    /// <summary>
    /// Closes a position by hand (CLOSED): it is no longer evaluated, so its alerts resolve at the next run of the
    /// monitors that watched it. <paramref name="id"/> is its id or a prefix of it that names one position (the
    /// table shows the first 12 characters). A wallet's position that the next sync sees again is ACTIVE again.
    /// </summary>
    public async Task<PositionCloseResult> CloseAsync(string id, CancellationToken cancellationToken)
    {
        OperationInput.Text(id, "id");
        var wanted = id.Trim().TrimEnd('…');
        if (wanted.Length == 0)
        {
            throw OperationException.Invalid("The position id is empty.", "id");
        }

        var all = await positions.ListAsync(null, cancellationToken);
        var position = all.FirstOrDefault(p => p.Id == wanted);
        if (position is null)
        {
            var matches = all.Where(p => p.Id.StartsWith(wanted, StringComparison.Ordinal)).ToList();
            if (matches.Count > 1)
            {
                throw OperationException.Invalid(
                    $"'{wanted}' is the start of {matches.Count} positions ({string.Join(", ", matches.Take(5).Select(p => p.Id))}): give more of the id.", "id");
            }

            position = matches.SingleOrDefault() ?? throw OperationException.NotFound(
                $"No position '{wanted}'" + (Spelling.Nearest(wanted, all.Select(p => p.Id)) is { } nearest ? $" (did you mean {nearest}?)" : "") +
                ". 'monitorcore positions --status all' lists them.",
                "id");
        }

        if (position.Status == PositionStatus.Closed)
        {
            return new PositionCloseResult(position, PositionStatus.Closed);
        }

        var closed = position with { Status = PositionStatus.Closed, LastUpdated = time.GetUtcNow() };
        await positions.UpsertAsync([closed], cancellationToken);
        return new PositionCloseResult(closed, position.Status);
    }

    /// <summary>Reads <c>active</c>, <c>stale_closed</c>, <c>closed</c> or <c>all</c> (null).</summary>
    public static PositionStatus? ParseStatus(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Equals("all", StringComparison.OrdinalIgnoreCase) ? null
        : Vocabulary.TryParse<PositionStatus>(text, out var status) ? status
        : throw OperationException.Invalid($"status '{text}' is not one of {string.Join(", ", Vocabulary.Words<PositionStatus>())} or all.", "status");
}
