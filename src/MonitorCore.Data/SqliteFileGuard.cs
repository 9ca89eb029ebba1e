using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>
/// Finds a SQLite file that is not a readable database before anything uses it, and moves it aside
/// (with its -wal and -shm files) as <c>&lt;name&gt;.corrupt-&lt;timestamp&gt;</c>. Nothing is deleted.
/// </summary>
internal static class SqliteFileGuard
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Returns a message for the user when the file was moved aside, else null.</summary>
    public static async Task<string?> CheckAsync(string path, bool integrityCheck, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var problem = await FindProblemAsync(path, integrityCheck, cancellationToken);
        if (problem is null)
        {
            return null;
        }

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

        return $"The database file {path} is not a readable SQLite database ({problem}). " +
               $"It was moved aside to {aside} and a fresh database is created in its place; nothing was deleted.";
    }

    private static async Task<string?> FindProblemAsync(string path, bool integrityCheck, CancellationToken cancellationToken)
    {
        // Look at the header before SQLite opens the file: opening may rewrite or remove a -wal file
        // that belongs with a damaged database, and that must be kept with it.
        if (await HeaderProblemAsync(path, cancellationToken) is { } header)
        {
            return header;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = integrityCheck ? "PRAGMA quick_check" : "SELECT count(*) FROM sqlite_master";
            var result = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return integrityCheck && !string.Equals(result, "ok", StringComparison.OrdinalIgnoreCase)
                ? $"integrity check: {result}"
                : null;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return ex.Message.Replace("SQLite Error " + ex.SqliteErrorCode + ": ", "", StringComparison.Ordinal).Trim('\'', ' ', '.');
        }
    }

    private static async Task<string?> HeaderProblemAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return null; // SQLite treats an empty file as an empty database
        }

        var buffer = new byte[100];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < buffer.Length)
        {
            return $"file is {stream.Length} bytes, shorter than a SQLite header";
        }

        return buffer.AsSpan(0, Header.Length).SequenceEqual(Header) ? null : "file is not a database: no SQLite header";
    }
}
