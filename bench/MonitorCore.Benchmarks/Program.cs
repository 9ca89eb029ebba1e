using BenchmarkDotNet.Running;

namespace MonitorCore.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- --filter '*'</c>;
    /// any BenchmarkDotNet option works (<c>--job short</c>, <c>--list flat</c>, ...).
    /// </summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
