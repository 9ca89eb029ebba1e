using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitorCore.Data.Migrations;

/// <summary>A numbered SQL script of one dialect.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>What a migration pass did.</summary>
public sealed record MigrationReport(int FromVersion, int ToVersion, IReadOnlyList<Migration> Applied);

/// <summary>The database was made by a newer Monitor Core than this one.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : Exception($"The database schema is at version {databaseVersion}, newer than this build knows ({knownVersion}). Upgrade Monitor Core; the database was left untouched.");

/// <summary>
/// Applies the numbered scripts of the database's dialect (<c>Migrations/&lt;dialect&gt;/NNNN_name.sql</c>)
/// that the journal table <c>schema_migrations</c> does not list yet. All pending scripts run in one
/// transaction under a lock, so a failed upgrade leaves the database as it was and two instances
/// starting at once do not both migrate. Safe to re-run.
/// </summary>
public sealed partial class MigrationRunner(Database database, TimeProvider time)
{
    private const string Journal = "schema_migrations";

    private const string JournalDdl =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public IReadOnlyList<Migration> Migrations { get; } = Load(database.MigrationFolder);

    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    public static IReadOnlyList<Migration> Load(string folder)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations of '{folder}' are not numbered 1, 2, 3, …: found {migrations[i].Version} at place {i + 1}.");
            }
        }

        return migrations;
    }

    /// <summary>The newest version applied, 0 for a new database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var ddl = connection.Command(JournalDdl))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>The newest version applied, without creating anything: null when the database has no journal (no Monitor Core tables).</summary>
    public async Task<int?> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = await TablesAsync(connection, null, cancellationToken);
        return tables.Contains(Journal, StringComparer.Ordinal) ? await ReadVersionAsync(connection, null, cancellationToken) : null;
    }

    /// <summary>
    /// Applies pending scripts up to <paramref name="targetVersion"/> (all when null). A database that holds tables but no
    /// Monitor Core journal is another application's: it is refused untouched (<see cref="DatabaseProblemException"/>).
    /// </summary>
    public async Task<MigrationReport> MigrateAsync(int? targetVersion, CancellationToken cancellationToken)
    {
        var target = targetVersion ?? LatestVersion;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await database.LockForMigrationAsync(connection, transaction, cancellationToken);
        var tables = await TablesAsync(connection, transaction, cancellationToken);
        if (tables.Count > 0 && !tables.Contains(Journal, StringComparer.Ordinal))
        {
            throw new DatabaseProblemException(
                $"The database {database.Location.Display} holds tables of another application ({string.Join(", ", tables.Order(StringComparer.Ordinal).Take(5))}" +
                $"{(tables.Count > 5 ? ", …" : "")}) and no Monitor Core schema; it is left untouched. Point --db (or MONITORCORE_DB, Database:Connection) at a Monitor Core database or a new one.",
                badInput: true);
        }

        await using (var ddl = connection.Command(JournalDdl, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        var from = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (from > LatestVersion)
        {
            throw new SchemaTooNewException(from, LatestVersion);
        }

        var pending = Migrations.Where(m => m.Version > from && m.Version <= target).ToList();
        foreach (var migration in pending)
        {
            await using (var script = connection.Command(migration.Sql, transaction))
            {
                try
                {
                    await script.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (DbException ex)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:D4}_{migration.Name} failed: {ex.Message}. The database was left at version {from}.", ex);
                }
            }

            await using var journal = connection.Command(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)", transaction);
            journal.Add("@version", migration.Version);
            journal.Add("@name", migration.Name);
            journal.Add("@applied_at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new MigrationReport(from, pending.Count > 0 ? pending[^1].Version : from, pending);
    }

    private async Task<List<string>> TablesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(database.ListTablesSql, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
