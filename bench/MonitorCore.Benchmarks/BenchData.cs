using System.Text.Json.Nodes;
using MonitorCore.Data;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Benchmarks;

/// <summary>Ledger rows and SQLite files for the benchmarks.</summary>
internal static class BenchData
{
    /// <summary>The nine built-in monitors plus two trivial ones: eleven registered monitors.</summary>
    public static readonly string[] RegisteredMonitors =
    [
        "latency_monitor", "price_monitor", "position_monitor", "liquid_monitor", "profit_monitor",
        "market_monitor", "risk_monitor", "wallet_monitor", "oracle_monitor", "xcom_monitor", "twilio_monitor",
    ];

    /// <summary>The registered monitors that the benchmarks add (all but the built-in latency_monitor).</summary>
    /// <summary>The product registers the first nine; the snapshot benchmark adds these two trivial ones to reach 11.</summary>
    public static IEnumerable<string> ExtraMonitors => ["wallet_monitor", "oracle_monitor"];

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The timestamp of the <paramref name="sequence"/>-th row: one second after the previous one.</summary>
    public static DateTimeOffset Timestamp(long sequence) => Start.AddSeconds(sequence);

    /// <summary>A typical row: a small metadata object, a duration and a cycle id.</summary>
    public static LedgerEntry Row(long i, string monitorName) => new(
        0,
        monitorName,
        Timestamp(i),
        (i % 17) switch { 0 => MonitorStatus.Error, 5 => MonitorStatus.Warning, _ => MonitorStatus.Success },
        new JsonObject
        {
            ["target"] = "https://example.invalid/health",
            ["latency_ms"] = i % 500,
            ["ok"] = i % 17 != 0,
        },
        (i % 1000) / 10.0,
        $"cycle-{i / 12}");

    /// <summary>A fresh SQLite file in a new temporary folder, migrated as at start-up.</summary>
    public static async Task<(Database Database, string Folder)> CreateSqliteAsync(
        SqliteSynchronous synchronous, string? folder = null)
    {
        folder ??= NewTempFolder("append");
        var options = new DatabaseOptions { Synchronous = synchronous, IntegrityCheckOnStart = false };
        var database = Database.Create(DatabaseLocation.Parse(Path.Combine(folder, "ledger.db"), folder), options);
        await new DatabaseInitializer(database, options, TimeProvider.System).InitializeAsync(CancellationToken.None);
        return (database, folder);
    }

    public static string NewTempFolder(string kind)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"monitorcore-bench-{kind}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
