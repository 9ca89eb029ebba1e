using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data;
using MonitorCore.Data.Repositories;
using MonitorCore.Health;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The status snapshot over a SQLite ledger of <see cref="Rows"/> rows spread over the eleven
/// registered monitors and the sonic loop. The filled file is cached under the temporary folder
/// (<c>monitorcore-bench-cache</c>) so that it is built once per size and schema; each run works on a copy.
/// </summary>
[MemoryDiagnoser]
public class StatusSnapshotBenchmarks
{
    /// <summary>Change when the fill changes, so that stale cached files are not used.</summary>
    private const string FillVersion = "v1";
    private const int FillBatch = 10_000;

    private string _folder = null!;
    private MonitorCoreApp _host = null!;
    private MonitorCoreApp _controller = null!;
    private IMonitorLedger _ledger = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>The names that the fill writes: the registered monitors and the sonic loop.</summary>
    internal static string[] LedgerNames => [.. BenchData.RegisteredMonitors, "sonic_monitor"];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var cached = await FilledFileAsync(Rows);
        _folder = BenchData.NewTempFolder("snapshot");
        var dbPath = Path.Combine(_folder, "monitorcore.db");
        File.Copy(cached, dbPath);

        _host = BuildHost(_folder, dbPath);
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        _controller = _host;
        _ledger = _host.Services.GetRequiredService<IMonitorLedger>();
        await CheckAsync(_controller);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    [Benchmark]
    public Task<StatusSnapshot> StatusSnapshot() => _controller.Operations.Status.GetAsync(CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyDictionary<string, LedgerEntry>> GetLatest11() =>
        _ledger.GetLatestAsync(BenchData.RegisteredMonitors, CancellationToken.None);

    /// <summary>The product's host on <paramref name="database"/>, with ten trivial monitors added to the built-in one.</summary>
    internal static MonitorCoreApp BuildHost(string folder, string database) =>
        MonitorCoreApp.Build(
            new HostSettings(folder, new Dictionary<string, string?>(), null, database),
            services =>
            {
                foreach (var name in BenchData.ExtraMonitors)
                {
                    services.AddMonitor<NoopMonitor>(name);
                }
            });

    /// <summary>Fails the setup when the host or the fill is not what the benchmark claims to measure.</summary>
    internal static async Task CheckAsync(MonitorCoreApp controller)
    {
        if (controller.Registry.All.Count != BenchData.RegisteredMonitors.Length)
        {
            throw new InvalidOperationException($"Expected {BenchData.RegisteredMonitors.Length} monitors, got {controller.Registry.All.Count}.");
        }

        var snapshot = await controller.Operations.Status.GetAsync(CancellationToken.None);
        if (snapshot.Monitors.Any(m => m.LastStatus is null) || snapshot.SonicLastComplete is null)
        {
            throw new InvalidOperationException("A registered monitor or the sonic loop has no ledger row: the fill is wrong.");
        }
    }

    /// <summary>Appends <paramref name="rows"/> rows round-robin over <see cref="LedgerNames"/>, 10,000 a call.</summary>
    internal static async Task FillAsync(MonitorLedgerRepository ledger, int rows)
    {
        var names = LedgerNames;
        for (var start = 0; start < rows; start += FillBatch)
        {
            var count = Math.Min(FillBatch, rows - start);
            var batch = Enumerable.Range(start, count).Select(i => BenchData.Row(i, names[i % names.Length])).ToList();
            await ledger.AppendBatchAsync(batch, CancellationToken.None);
        }
    }

    /// <summary>Builds (once) and returns a migrated SQLite file holding <paramref name="rows"/> rows.</summary>
    internal static async Task<string> FilledFileAsync(int rows)
    {
        var cacheFolder = Path.Combine(Path.GetTempPath(), "monitorcore-bench-cache");
        Directory.CreateDirectory(cacheFolder);
        // A new migration changes the file, so the number of SQLite migrations is part of its name.
        var migrations = typeof(Database).Assembly.GetManifestResourceNames()
            .Count(n => n.StartsWith("migrations/sqlite/", StringComparison.Ordinal));
        var path = Path.Combine(cacheFolder, $"ledger-{rows}-{FillVersion}-m{migrations}.db");
        if (File.Exists(path))
        {
            return path;
        }

        var buildFolder = BenchData.NewTempFolder("fill");
        try
        {
            var (database, _) = await BenchData.CreateSqliteAsync(SqliteSynchronous.Normal, buildFolder);
            await using (database)
            {
                await FillAsync(new MonitorLedgerRepository(database), rows);
                await using var connection = await database.OpenAsync(CancellationToken.None);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
            }

            SqliteConnection.ClearAllPools();
            var partial = path + $".partial-{Environment.ProcessId}";
            File.Copy(Path.Combine(buildFolder, "ledger.db"), partial, overwrite: true);
            File.Move(partial, path, overwrite: true);
            return path;
        }
        finally
        {
            BenchData.DeleteFolder(buildFolder);
        }
    }

    private sealed class NoopMonitor : IMonitor
    {
        public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
            Task.FromResult(MonitorResult.Success());
    }
}
