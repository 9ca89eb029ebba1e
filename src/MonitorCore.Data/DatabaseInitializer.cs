using Microsoft.Data.Sqlite;
using MonitorCore.Data.Migrations;

namespace MonitorCore.Data;

/// <summary>What opening the database at start-up did, with messages for the user.</summary>
public sealed record DatabaseInitReport(MigrationReport Migrations, IReadOnlyList<string> Messages);

/// <summary>
/// Makes the database ready at start-up (docs/behaviour.md §9). For a command that writes: for SQLite, checks what the
/// path holds (a file that is not Monitor Core's database is refused untouched; a damaged one is moved aside only when
/// the caller may repair), creates its folder and turns on WAL; then applies the pending migrations. For a command that
/// only reads: checks, never creates, migrates or moves anything.
/// </summary>
public sealed class DatabaseInitializer(Database database, DatabaseOptions options, TimeProvider time)
{
    /// <param name="cancellationToken">Cancels the start-up.</param>
    /// <param name="integrityCheck">
    /// The service's start and <c>db migrate</c>: run SQLite's <c>quick_check</c> (when <c>Database:IntegrityCheckOnStart</c>
    /// allows; it reads every page, about 0.3 s at a million ledger rows) and move a damaged Monitor Core database aside.
    /// Other commands refuse a damaged file and leave it where it is.
    /// </param>
    public async Task<DatabaseInitReport> InitializeAsync(CancellationToken cancellationToken, bool integrityCheck = true)
    {
        if (database.ReadOnly)
        {
            throw new InvalidOperationException("A database opened read-only is not initialized for writing; use PrepareForReadingAsync.");
        }

        var messages = new List<string>();
        if (database.Location is { Provider: DatabaseProvider.Sqlite, FilePath: { } path })
        {
            var state = await SqliteFileGuard.InspectAsync(path, integrityCheck && options.IntegrityCheckOnStart, cancellationToken);
            if (state.Kind == SqliteFileKind.Damaged)
            {
                if (!integrityCheck)
                {
                    throw new DatabaseProblemException(SqliteFileGuard.DamagedMessage(path, state.Problem!), badInput: false);
                }

                messages.Add(SqliteFileGuard.MoveAside(path, state.Problem!, time));
            }

            CreateFolder(path);
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var wal = connection.Command("PRAGMA journal_mode=WAL");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        var report = await new MigrationRunner(database, time).MigrateAsync(null, cancellationToken);
        return new DatabaseInitReport(report, messages);
    }

    /// <summary>
    /// Makes a read-only database ready to read, touching nothing: the path is checked as for writing (refused when it is not
    /// Monitor Core's database, or damaged); a database that does not exist yet (or an empty file) reads as a new one would
    /// (an empty database in memory stands in, and a message says so); a schema older than this build is refused with what
    /// to run, since only a command that writes upgrades it.
    /// </summary>
    public async Task<DatabaseInitReport> PrepareForReadingAsync(CancellationToken cancellationToken)
    {
        if (!database.ReadOnly)
        {
            throw new InvalidOperationException("PrepareForReadingAsync is for a database opened read-only.");
        }

        var messages = new List<string>();
        var runner = new MigrationRunner(database, time);
        if (database is SqliteDatabase sqlite && database.Location.FilePath is { } path)
        {
            var state = await SqliteFileGuard.InspectAsync(path, integrityCheck: false, cancellationToken);
            switch (state.Kind)
            {
                case SqliteFileKind.Damaged:
                    throw new DatabaseProblemException(SqliteFileGuard.DamagedMessage(path, state.Problem!), badInput: false);
                case SqliteFileKind.Missing or SqliteFileKind.Empty:
                    await sqlite.UseEmptyAsync(cancellationToken);
                    var applied = await runner.MigrateAsync(null, cancellationToken);
                    messages.Add(
                        $"There is no Monitor Core database at {path} yet{(state.Kind == SqliteFileKind.Empty ? " (the file is empty)" : "")}: this shows what a new one holds. " +
                        "The first command that writes (run, serve, db migrate, an import or a change) creates it.");
                    return new DatabaseInitReport(applied with { Applied = [] }, messages);
                default:
                    var (connection, immutable) = await SqliteConnections.OpenReadOnlyAsync(path, pooling: false, cancellationToken);
                    await connection.DisposeAsync();
                    if (immutable)
                    {
                        sqlite.UseImmutable();
                    }

                    break;
            }
        }

        var version = await runner.ReadVersionAsync(cancellationToken);
        if (version is null)
        {
            throw new DatabaseProblemException(
                $"The database {database.Location.Display} has no Monitor Core tables yet: 'monitorcore db migrate' creates them; this command only reads.", badInput: true);
        }

        if (version > runner.LatestVersion)
        {
            throw new SchemaTooNewException(version.Value, runner.LatestVersion);
        }

        if (version < runner.LatestVersion)
        {
            throw new DatabaseProblemException(
                $"The database {database.Location.Display} is at schema version {version} and this build reads version {runner.LatestVersion}. " +
                "'monitorcore db migrate' (or any command that writes, or the service's start) upgrades it; this command only reads, so it leaves it as it is.",
                badInput: true);
        }

        return new DatabaseInitReport(new MigrationReport(version.Value, version.Value, []), messages);
    }

    /// <summary>Releases pooled SQLite connections so that the file can be moved or deleted.</summary>
    public static void ReleaseSqliteFiles() => SqliteConnection.ClearAllPools();

    private static void CreateFolder(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new DatabaseProblemException(
                $"The folder {folder} of the database {path} cannot be made ({ex.Message}). Create it, give this user access, or point --db elsewhere.",
                badInput: true, ex);
        }
    }
}
