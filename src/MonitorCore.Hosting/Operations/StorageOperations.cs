using MonitorCore.Data;
using MonitorCore.Data.Migrations;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Operations;

/// <summary>A migration script that was applied.</summary>
public sealed record AppliedMigration(int Version, string Name);

/// <summary>What <c>db migrate</c> did: the database, its schema version, and the scripts it applied; notices (a file moved aside) for the user.</summary>
public sealed record MigrationResult(string Location, string Provider, int SchemaVersion, int LatestVersion, IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<string> Notices);

/// <summary>The database: where it is, and its schema.</summary>
public sealed class StorageOperations(Database database, DatabaseInitializer initializer, DataMode dataMode, MarketMode mode, TimeProvider time)
{
    /// <summary>Where the database is, as it is safe to show (a password masked).</summary>
    public string Display => database.Location.Display;

    /// <summary>
    /// Makes the database ready for a command that writes (the file checked, WAL on, migrations applied), then
    /// refuses a database that holds the other market mode's data (a demo run on live data, a live run on demo
    /// data) and stamps the mode of one that has none yet (docs/behaviour.md §8).
    /// </summary>
    public async Task<DatabaseInitReport> InitializeAsync(bool integrityCheck, CancellationToken cancellationToken)
    {
        var report = await initializer.InitializeAsync(cancellationToken, integrityCheck);
        try
        {
            await dataMode.EnsureAsync(mode, database.Location.Display, cancellationToken);
        }
        catch (DataModeMismatchException ex)
        {
            throw OperationException.Conflict(ex.Message, "database");
        }

        return report;
    }

    /// <summary>Checks the file's integrity (SQLite), then creates the database or upgrades its schema to the newest version.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        var report = await InitializeAsync(integrityCheck: true, cancellationToken);
        var runner = new MigrationRunner(database, time);
        return new MigrationResult(
            database.Location.Display,
            database.Provider.ToString().ToLowerInvariant(),
            await runner.CurrentVersionAsync(cancellationToken),
            runner.LatestVersion,
            [.. report.Migrations.Applied.Select(m => new AppliedMigration(m.Version, m.Name))],
            report.Messages);
    }
}
