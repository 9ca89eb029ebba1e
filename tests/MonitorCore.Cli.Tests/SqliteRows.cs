using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using MonitorCore.Data;

namespace MonitorCore.Cli.Tests;

/// <summary>A SQLite file as the tests compare it, opened read-only: two reads equal when nothing changed in between.</summary>
internal static class SqliteRows
{
    /// <summary>Every row of every table, as text in a stable order.</summary>
    public static string Of(string file)
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in Read(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            text.Append(table).Append(":\n");
            foreach (var row in Read(connection, $"SELECT * FROM \"{table}\"").Order(StringComparer.Ordinal))
            {
                text.Append(row).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Runs SQL on the file (a test that sets up what a user's database could hold).</summary>
    public static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Read(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
