using Microsoft.Extensions.Options;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Positions;
using MonitorCore.Prices;

namespace MonitorCore.Hosting.Operations;

/// <summary>A stored row that could not be read and was moved to <c>positions_quarantine</c>.</summary>
public sealed record QuarantineNotice(string PositionId, string Reason);

/// <summary>Stored positions with their math, and the portfolio totals of the ACTIVE ones among them.</summary>
public sealed record PositionList(IReadOnlyList<Position> Positions, PortfolioTotals Totals, IReadOnlyList<QuarantineNotice> Quarantined);

/// <summary>A row of a positions file that was skipped, by line.</summary>
public sealed record SkippedRow(int Line, string Message);

/// <summary>What importing a positions file did.</summary>
public sealed record PositionImportResult(string File, int Imported, IReadOnlyList<SkippedRow> Skipped);

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
            [.. read.Quarantined.Select(q => new QuarantineNotice(q.PositionId, q.Reason))]);
    }

    /// <summary>
    /// Imports a JSON or CSV file of positions (path relative to the working directory): each good row is
    /// stored with its math at the latest stored price; each bad row is named by line and skipped.
    /// </summary>
    public async Task<PositionImportResult> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path, settings.BaseDirectory);
        if (!File.Exists(full))
        {
            throw OperationException.Invalid($"{full}: no such file.", "file");
        }

        return await ImportTextAsync(await File.ReadAllTextAsync(full, cancellationToken), full, cancellationToken);
    }

    /// <summary>
    /// Imports positions from text (a request body): CSV or JSON, told by <paramref name="name"/>'s extension,
    /// else by the first character. Bad rows are named by line and skipped.
    /// </summary>
    public async Task<PositionImportResult> ImportTextAsync(string text, string name, CancellationToken cancellationToken)
    {
        var parsed = PositionFileParser.Parse(text, name, time.GetUtcNow());
        var latest = await prices.GetLatestAllAsync(cancellationToken);
        var enriched = parsed.Positions.Select(p => PositionMath.EnrichAtLatest(p, latest, weights.Value)).ToList();
        await positions.UpsertAsync(enriched, cancellationToken);
        return new PositionImportResult(name, enriched.Count, [.. parsed.Errors.Select(e => new SkippedRow(e.Line, e.Message))]);
    }

    /// <summary>Reads <c>active</c>, <c>stale_closed</c>, <c>closed</c> or <c>all</c> (null).</summary>
    public static PositionStatus? ParseStatus(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Equals("all", StringComparison.OrdinalIgnoreCase) ? null
        : Vocabulary.TryParse<PositionStatus>(text, out var status) ? status
        : throw OperationException.Invalid($"status '{text}' is not one of {string.Join(", ", Vocabulary.Words<PositionStatus>())} or all.", "status");
}
