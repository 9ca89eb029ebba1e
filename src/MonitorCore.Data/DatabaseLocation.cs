using Npgsql;

namespace MonitorCore.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the database is: a SQLite file (a path, or <c>Data Source=…</c>) or a PostgreSQL server
/// (<c>Host=…</c> or a <c>postgres://</c> URL). Parsed from <c>--db</c>, <c>MONITORCORE_DB</c> or
/// <c>Database:Connection</c>.
/// </summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString, string? FilePath)
{
    public const string DefaultPath = "./data/monitorcore.db";

    public static DatabaseLocation Parse(string? value, string baseDirectory)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultPath : value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseLocation(DatabaseProvider.Postgres, FromUrl(text), null);
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseLocation(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(text).ConnectionString, null);
        }

        var path = text;
        const string prefix = "Data Source=";
        if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            path = text[prefix.Length..].Split(';')[0].Trim();
        }

        var full = Path.GetFullPath(path, baseDirectory);
        return new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={full};Pooling=True", full);
    }

    /// <summary>The location as it is safe to show: a password is masked.</summary>
    public string Display => Provider == DatabaseProvider.Sqlite
        ? FilePath!
        : new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString
          + (new NpgsqlConnectionStringBuilder(ConnectionString).Password is null ? "" : ";Password=***");

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return builder.ConnectionString;
    }
}
