using BenchmarkDotNet.Running;

// Run in Release: dotnet run -c Release --project bench/MonitorCore.Benchmarks.Positions -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
