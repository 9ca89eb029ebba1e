using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MonitorCore.Benchmarks;

/// <summary>
/// Items per second from the mean time of one operation: items per operation × 1 s / Mean.
/// With OperationsPerInvoke the operation is one item (one row), so the column is 1 s / Mean.
/// </summary>
internal sealed class PerSecondColumn(string columnName, Func<BenchmarkCase, double> itemsPerOperation, string legend) : IColumn
{
    public string Id => $"{nameof(PerSecondColumn)}.{columnName}";

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is > 0 and var mean
            ? (itemsPerOperation(benchmarkCase) * 1e9 / mean).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds the Rows/s column (Mean is the time of one row).</summary>
internal sealed class RowsPerSecondConfig : ManualConfig
{
    public RowsPerSecondConfig() =>
        AddColumn(new PerSecondColumn("Rows/s", _ => 1, "Rows per second: 1 s / Mean, where Mean is the time per row"));
}

/// <summary>Adds the Positions/s column: the <c>Positions</c> parameter × 1 s / Mean (Mean is the time of one call over all of them).</summary>
internal sealed class PositionsPerSecondConfig : ManualConfig
{
    public PositionsPerSecondConfig() =>
        AddColumn(new PerSecondColumn(
            "Positions/s",
            benchmarkCase => Convert.ToDouble(benchmarkCase.Parameters[nameof(PositionSyncBenchmarks.Positions)], CultureInfo.InvariantCulture),
            "Positions per second: Positions × 1 s / Mean, where Mean is the time of one call over all the positions"));
}
