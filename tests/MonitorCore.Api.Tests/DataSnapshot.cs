using System.Data.Common;
using System.Globalization;
using System.Text;
using MonitorCore.Data;

namespace MonitorCore.Api.Tests;

/// <summary>
/// Everything the service has stored: every table's rows (as text, in a stable order) and the files of its working
/// directory (the timer file). Two snapshots equal when nothing was changed between them.
/// </summary>
public sealed record DataSnapshot(IReadOnlyDictionary<string, string> Parts)
{
    public static async Task<DataSnapshot> TakeAsync(ApiHost api)
    {
        var database = api.Get<Database>();
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            var tables = await ReadAsync(connection, database.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
            foreach (var table in tables)
            {
                var rows = await ReadAsync(connection, $"SELECT * FROM \"{table}\"");
                parts["table " + table] = string.Join("\n", rows.Order(StringComparer.Ordinal));
            }
        }

        foreach (var file in Directory.EnumerateFiles(api.Folder, "*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".db", StringComparison.Ordinal) && !file.Contains(".db-", StringComparison.Ordinal))
            {
                parts["file " + Path.GetRelativePath(api.Folder, file)] = await File.ReadAllTextAsync(file);
            }
        }

        return new DataSnapshot(parts);
    }

    /// <summary>What differs from <paramref name="other"/>, part by part; empty when nothing does.</summary>
    public string DiffFrom(DataSnapshot other)
    {
        var diff = new StringBuilder();
        foreach (var key in Parts.Keys.Union(other.Parts.Keys).Order(StringComparer.Ordinal))
        {
            var before = other.Parts.GetValueOrDefault(key);
            var after = Parts.GetValueOrDefault(key);
            if (before != after)
            {
                var old = (before ?? "").Split('\n').ToHashSet(StringComparer.Ordinal);
                var now = (after ?? "").Split('\n').ToHashSet(StringComparer.Ordinal);
                diff.AppendLine(CultureInfo.InvariantCulture, $"{key}:");
                foreach (var line in old.Except(now).Take(5))
                {
                    diff.AppendLine(CultureInfo.InvariantCulture, $"  - {line}");
                }

                foreach (var line in now.Except(old).Take(5))
                {
                    diff.AppendLine(CultureInfo.InvariantCulture, $"  + {line}");
                }
            }
        }

        return diff.ToString();
    }

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(string.Join(" | ", cells));
        }

        return rows;
    }
}
