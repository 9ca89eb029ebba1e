using MonitorCore.Testing;
using BenchmarkDotNet.Attributes;
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
/// <see cref="LedgerAppendBenchmarks"/> on PostgreSQL: a server of its own per run, started in
/// GlobalSetup with durable commits (fsync on, synchronous_commit on).
/// </summary>
[Config(typeof(RowsPerSecondConfig))]
[MemoryDiagnoser]
public class PostgresLedgerAppendBenchmarks
{
    private const int SingleRows = 100;
    private const int BatchRows = 1_000;

    private PostgresServer _server = null!;
    private Database _database = null!;
    private MonitorLedgerRepository _ledger = null!;
    private LedgerEntry[] _rows = null!;
    private long _sequence;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await PostgresServer.StartAsync(durable: true);
        _database = await PostgresLedger.CreateAsync(_server.ConnectionString);
        _ledger = new MonitorLedgerRepository(_database);
        var names = BenchData.RegisteredMonitors;
        _rows = [.. Enumerable.Range(0, BatchRows).Select(i => BenchData.Row(i, names[i % names.Length]))];
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = SingleRows)]
    public async Task AppendOneRow()
    {
        for (var i = 0; i < SingleRows; i++)
        {
            await _ledger.AppendAsync(_rows[i] with { Timestamp = BenchData.Timestamp(_sequence++) }, CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = BatchRows)]
    public Task AppendBatchOf1000()
    {
        var rows = new LedgerEntry[_rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = _rows[i] with { Timestamp = BenchData.Timestamp(_sequence++) };
        }

        return _ledger.AppendBatchAsync(rows, CancellationToken.None);
    }
}

/// <summary>
/// <see cref="StatusSnapshotBenchmarks"/> on PostgreSQL. The ledger is filled in GlobalSetup (through
/// <c>AppendBatchAsync</c>, 10,000 rows a call) and then vacuumed and analysed, as autovacuum would
/// have done on a server that has been running.
/// </summary>
[MemoryDiagnoser]
public class PostgresStatusSnapshotBenchmarks
{
    private PostgresServer _server = null!;
    private MonitorCoreApp _host = null!;
    private string _folder = null!;
    private MonitorCoreApp _controller = null!;
    private IMonitorLedger _ledger = null!;

    [Params(10_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await PostgresServer.StartAsync(durable: true);
        await using (var database = await PostgresLedger.CreateAsync(_server.ConnectionString))
        {
            await StatusSnapshotBenchmarks.FillAsync(new MonitorLedgerRepository(database), Rows);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM ANALYZE monitor_ledger";
            await vacuum.ExecuteNonQueryAsync();
        }

        _folder = BenchData.NewTempFolder("pg-snapshot");
        _host = StatusSnapshotBenchmarks.BuildHost(_folder, _server.ConnectionString);
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        _controller = _host;
        _ledger = _host.Services.GetRequiredService<IMonitorLedger>();
        await StatusSnapshotBenchmarks.CheckAsync(_controller);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    [Benchmark]
    public Task<StatusSnapshot> StatusSnapshot() => _controller.Operations.Status.GetAsync(CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyDictionary<string, LedgerEntry>> GetLatest11() =>
        _ledger.GetLatestAsync(BenchData.RegisteredMonitors, CancellationToken.None);
}

internal static class PostgresLedger
{
    /// <summary>Opens the server's database and applies the migrations.</summary>
    public static async Task<Database> CreateAsync(string connectionString)
    {
        var options = new DatabaseOptions();
        var database = Database.Create(DatabaseLocation.Parse(connectionString, Path.GetTempPath()), options);
        await new DatabaseInitializer(database, options, TimeProvider.System).InitializeAsync(CancellationToken.None);
        return database;
    }
}
