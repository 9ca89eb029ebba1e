using Microsoft.Data.Sqlite;
using MonitorCore.Data.Migrations;

namespace MonitorCore.Data;

/// <summary>What opening the database at start-up did, with messages for the user.</summary>
public sealed record DatabaseInitReport(MigrationReport Migrations, IReadOnlyList<string> Messages);

/// <summary>
/// Makes the database ready at start-up: for SQLite, creates its folder, moves a corrupt file
/// aside and turns on WAL; then applies the pending migrations.
/// </summary>
public sealed class DatabaseInitializer(Database database, DatabaseOptions options, TimeProvider time)
{
    /// <param name="cancellationToken">Cancels the start-up.</param>
    /// <param name="integrityCheck">
    /// Run SQLite's <c>quick_check</c> (when <c>Database:IntegrityCheckOnStart</c> allows). It reads every
    /// page (about 0.3 s at a million ledger rows), so the service's start and <c>db migrate</c> ask for
    /// it; a short command only checks the file's header, which finds a file that is not a database.
    /// </param>
    public async Task<DatabaseInitReport> InitializeAsync(CancellationToken cancellationToken, bool integrityCheck = true)
    {
        var messages = new List<string>();
        if (database.Location is { Provider: DatabaseProvider.Sqlite, FilePath: { } path })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (await SqliteFileGuard.CheckAsync(path, integrityCheck && options.IntegrityCheckOnStart, time, cancellationToken) is { } message)
            {
                messages.Add(message);
            }

            await using var connection = await database.OpenAsync(cancellationToken);
            await using var wal = connection.Command("PRAGMA journal_mode=WAL");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        var report = await new MigrationRunner(database, time).MigrateAsync(null, cancellationToken);
        return new DatabaseInitReport(report, messages);
    }

    /// <summary>Releases pooled SQLite connections so that the file can be moved or deleted.</summary>
    public static void ReleaseSqliteFiles() => SqliteConnection.ClearAllPools();
}
