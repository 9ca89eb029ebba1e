using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>What a SQLite path holds, before anything opens it for writing.</summary>
internal enum SqliteFileKind
{
    /// <summary>Nothing there yet.</summary>
    Missing,

    /// <summary>An empty file, or a SQLite database without a table: a database may be made in it.</summary>
    Empty,

    /// <summary>A Monitor Core database (its migration journal says so) that reads.</summary>
    MonitorCore,

    /// <summary>A SQLite file (its header says so) whose pages cannot be read, or that fails the integrity check.</summary>
    Damaged,
}

/// <summary>A SQLite path as it was found, and why when it is damaged.</summary>
internal sealed record SqliteFileState(SqliteFileKind Kind, string? Problem = null);

/// <summary>
/// Finds out what a SQLite path holds before anything uses it (docs/behaviour.md §9). A file that is not a SQLite
/// database, a SQLite database of another application, a folder, or a path that cannot be read is refused untouched
/// (<see cref="DatabaseProblemException"/>). A damaged Monitor Core database is moved aside (with its -wal and -shm
/// files, as <c>&lt;name&gt;.corrupt-&lt;timestamp&gt;</c>) only when the caller may repair (the service's start and
/// <c>db migrate</c>); nothing is ever deleted.
/// </summary>
internal static class SqliteFileGuard
{
    /// <summary>The name of the first migration, which every Monitor Core database's journal holds.</summary>
    private const string FirstMigration = "ledger_and_heartbeat";

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Classifies the path; throws <see cref="DatabaseProblemException"/> for what must be refused whatever the command.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="integrityCheck">Also run <c>PRAGMA quick_check</c> (reads every page).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<SqliteFileState> InspectAsync(string path, bool integrityCheck, CancellationToken cancellationToken)
    {
        if (!Exists(path))
        {
            return new SqliteFileState(SqliteFileKind.Missing);
        }

        if (Directory.Exists(path))
        {
            throw new DatabaseProblemException($"{path} is a folder, not a database file: name a file (for example {Path.Combine(path, "monitorcore.db")}).", badInput: true);
        }

        switch (await HeaderAsync(path, cancellationToken))
        {
            case Header.Empty:
                return new SqliteFileState(SqliteFileKind.Empty);
            case Header.Short:
                return new SqliteFileState(SqliteFileKind.Damaged, $"file is {new FileInfo(path).Length} bytes, shorter than a SQLite header");
            case Header.NotSqlite:
                throw new DatabaseProblemException(
                    $"{path} is not a SQLite database (no SQLite header); Monitor Core leaves it untouched. Point --db (or MONITORCORE_DB, Database:Connection) " +
                    "at a Monitor Core database or at a file that does not exist yet. If it is a Monitor Core database that lost its header, move it away yourself: " +
                    "the next command creates a fresh one.",
                    badInput: true);
        }

        try
        {
            var (connection, _) = await SqliteConnections.OpenReadOnlyAsync(path, pooling: false, cancellationToken);
            await using var _ = connection;
            var tables = await SqliteConnections.QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
            if (tables.Count == 0)
            {
                return new SqliteFileState(SqliteFileKind.Empty);
            }

            if (!tables.Contains("schema_migrations", StringComparer.Ordinal)
                || (await SqliteConnections.QueryAsync(connection, "SELECT name FROM schema_migrations WHERE version = 1", cancellationToken)) is not [FirstMigration])
            {
                var shown = string.Join(", ", tables.Where(t => !t.StartsWith("sqlite_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(5));
                throw new DatabaseProblemException(
                    $"{path} is a SQLite database of another application (tables {shown}{(tables.Count > 5 ? ", …" : "")}), not Monitor Core's; it is left untouched. " +
                    "Point --db (or MONITORCORE_DB, Database:Connection) at a Monitor Core database or at a file that does not exist yet.",
                    badInput: true);
            }

            if (integrityCheck)
            {
                var check = await SqliteConnections.QueryAsync(connection, "PRAGMA quick_check", cancellationToken);
                if (check is not ["ok"])
                {
                    return new SqliteFileState(SqliteFileKind.Damaged, $"integrity check: {string.Join("; ", check.Take(3))}");
                }
            }

            return new SqliteFileState(SqliteFileKind.MonitorCore);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return new SqliteFileState(SqliteFileKind.Damaged, ex.Message.Replace("SQLite Error " + ex.SqliteErrorCode + ": ", "", StringComparison.Ordinal).Trim('\'', ' ', '.'));
        }
    }

    /// <summary>Moves a damaged file aside with its -wal and -shm files; returns the message for the user.</summary>
    public static string MoveAside(string path, string problem, TimeProvider time)
    {
        SqliteConnection.ClearAllPools();
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{path}.corrupt-{stamp}";
        for (var n = 1; File.Exists(aside); n++)
        {
            aside = $"{path}.corrupt-{stamp}-{n}";
        }

        File.Move(path, aside);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        return $"The database file {path} is damaged ({problem}). " +
               $"It was moved aside to {aside} and a fresh database is created in its place; nothing was deleted.";
    }

    /// <summary>The message for a damaged database met by a command that may not move it.</summary>
    public static string DamagedMessage(string path, string problem) =>
        $"The database {path} is damaged ({problem}). 'monitorcore db migrate' (or the service's start) moves it aside and starts a fresh one; " +
        "this command leaves it untouched.";

    /// <summary>Whether anything is at the path; a path that cannot even be looked at (a folder without permission) is refused.</summary>
    private static bool Exists(string path)
    {
        try
        {
            _ = File.GetAttributes(path);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            throw new DatabaseProblemException(
                $"The database {path} cannot be reached: permission denied on its folder {Path.GetDirectoryName(path)}. Give this user access, or point --db elsewhere.",
                badInput: true);
        }
        catch (IOException ex)
        {
            throw new DatabaseProblemException($"The database {path} cannot be reached: {ex.Message}", badInput: true, ex);
        }
    }

    private enum Header
    {
        Good,
        Empty,
        Short,
        NotSqlite,
    }

    private static async Task<Header> HeaderAsync(string path, CancellationToken cancellationToken)
    {
        // Look at the header before SQLite opens the file: opening may rewrite or remove a -wal file
        // that belongs with a damaged database, and that must be kept with it.
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new DatabaseProblemException($"The database {path} cannot be read ({ex.Message}). Give this user read access, or point --db elsewhere.", badInput: true, ex);
        }

        await using (stream)
        {
            if (stream.Length == 0)
            {
                return Header.Empty; // SQLite treats an empty file as an empty database
            }

            var buffer = new byte[100];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return read < Magic.Length || !buffer.AsSpan(0, Magic.Length).SequenceEqual(Magic) ? Header.NotSqlite
                : read < buffer.Length ? Header.Short
                : Header.Good;
        }
    }
}
