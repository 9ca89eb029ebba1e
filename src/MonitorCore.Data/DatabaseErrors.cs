using System.Text;
using Microsoft.Data.Sqlite;

namespace MonitorCore.Data;

/// <summary>Database errors a person can act on, said in words: a lock held by another process, a file that cannot be written.</summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>The error as a <see cref="DatabaseProblemException"/> saying what happened and what to do; null for other errors.</summary>
    public static DatabaseProblemException? Explain(Exception exception, Database database)
    {
        if (exception is not SqliteException sqlite || database.Location.FilePath is not { } path)
        {
            return null;
        }

        return sqlite.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked => new DatabaseProblemException(
                $"The database {path} is busy: it is locked by another process{Holders(path)}, which did not let go within " +
                $"{SqliteConnections.BusyTimeout.TotalSeconds:0} s. Nothing was changed; try again when it is done.",
                badInput: false, exception),
            SqliteReadOnly => new DatabaseProblemException(
                $"The database {path} cannot be written by this user (the file or its folder is read-only). Commands that only read " +
                "(status, ledger, positions, alerts, prices, …) work on it; this one writes.",
                badInput: true, exception),
            SqliteCantOpen => new DatabaseProblemException(
                $"The database {path} cannot be opened ({sqlite.Message.Replace("SQLite Error 14: ", "", StringComparison.Ordinal).Trim('\'')}): " +
                "check that this user may read and write the file and its folder.",
                badInput: true, exception),
            SqliteCorrupt or SqliteNotADatabase => new DatabaseProblemException(
                SqliteFileGuard.DamagedMessage(path, sqlite.Message.Replace($"SQLite Error {sqlite.SqliteErrorCode}: ", "", StringComparison.Ordinal).Trim('\'', ' ', '.')),
                badInput: false, exception),
            _ => null,
        };
    }

    /// <summary>" (pid 1234: monitorcore serve)" for the other processes that have the file open, when the system says (Linux /proc).</summary>
    private static string Holders(string path)
    {
        var found = new List<string>();
        try
        {
            if (!Directory.Exists("/proc"))
            {
                return "";
            }

            var files = new HashSet<string>(StringComparer.Ordinal) { path, path + "-wal", path + "-shm" };
            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                var pid = Path.GetFileName(process);
                if (!int.TryParse(pid, out var id) || id == Environment.ProcessId || found.Count >= 3)
                {
                    continue;
                }

                try
                {
                    if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && files.Contains(target)))
                    {
                        var command = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(process, "cmdline"))).Replace('\0', ' ').Trim();
                        found.Add($"pid {id}{(command.Length == 0 ? "" : ": " + (command.Length > 80 ? command[..77] + "..." : command))}");
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A process that ended, or one this user may not look at.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }

        return found.Count == 0 ? "" : $" ({string.Join("; ", found)})";
    }
}
