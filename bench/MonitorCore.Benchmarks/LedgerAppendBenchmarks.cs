using BenchmarkDotNet.Attributes;
using MonitorCore.Data;
using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;

namespace MonitorCore.Benchmarks;

/// <summary>
/// Appends to the SQLite ledger (a temporary file, WAL, migrated as at start-up). Mean is the time
/// of one row; Rows/s is its inverse. Every appended row gets a new, later timestamp, as in
/// production: re-inserting the same timestamps would scatter index writes over the whole
/// (monitor_name, timestamp) and (timestamp) indexes and measure a workload that does not exist.
/// </summary>
[Config(typeof(RowsPerSecondConfig))]
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private const int SingleRows = 100;
    private const int BatchRows = 1_000;

    private Database _database = null!;
    private string _folder = null!;
    private MonitorLedgerRepository _ledger = null!;
    private LedgerEntry[] _singles = null!;
    private LedgerEntry[] _batch = null!;
    private long _sequence;

    [Params(SqliteSynchronous.Normal, SqliteSynchronous.Full)]
    public SqliteSynchronous Synchronous { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_database, _folder) = await BenchData.CreateSqliteAsync(Synchronous);
        _ledger = new MonitorLedgerRepository(_database);
        var names = BenchData.RegisteredMonitors;
        _singles = [.. Enumerable.Range(0, SingleRows).Select(i => BenchData.Row(i, names[i % names.Length]))];
        _batch = [.. Enumerable.Range(0, BatchRows).Select(i => BenchData.Row(i, names[i % names.Length]))];
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    /// <summary>One row per <c>AppendAsync</c>: one connection (pooled) and one commit per row.</summary>
    [Benchmark(OperationsPerInvoke = SingleRows)]
    public async Task AppendOneRow()
    {
        foreach (var entry in _singles)
        {
            await _ledger.AppendAsync(entry with { Timestamp = BenchData.Timestamp(_sequence++) }, CancellationToken.None);
        }
    }

    /// <summary><c>AppendBatchAsync</c> of 1,000 rows: one transaction per call.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows)]
    public Task AppendBatchOf1000()
    {
        var rows = new LedgerEntry[_batch.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = _batch[i] with { Timestamp = BenchData.Timestamp(_sequence++) };
        }

        return _ledger.AppendBatchAsync(rows, CancellationToken.None);
    }
}
