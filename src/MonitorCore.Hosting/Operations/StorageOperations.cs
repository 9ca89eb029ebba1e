using MonitorCore.Data;
using MonitorCore.Data.Migrations;

namespace MonitorCore.Hosting.Operations;

/// <summary>A migration script that was applied.</summary>
public sealed record AppliedMigration(int Version, string Name);

/// <summary>What <c>db migrate</c> did: the database, its schema version, and the scripts it applied; notices (a file moved aside) for the user.</summary>
public sealed record MigrationResult(string Location, string Provider, int SchemaVersion, int LatestVersion, IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<string> Notices);

/// <summary>The database: where it is, and its schema.</summary>
public sealed class StorageOperations(Database database, DatabaseInitializer initializer, TimeProvider time)
{
    /// <summary>Where the database is, as it is safe to show (a password masked).</summary>
    public string Display => database.Location.Display;

    /// <summary>Checks the file's integrity (SQLite), then creates the database or upgrades its schema to the newest version.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        var report = await initializer.InitializeAsync(cancellationToken, integrityCheck: true);
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
