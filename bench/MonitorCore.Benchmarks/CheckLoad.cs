using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Testing;

namespace MonitorCore.Benchmarks;

/// <summary>
/// Issue 11's load: <c>--checks N</c> (default 10,000) declarative <c>http</c> checks on a 60 s timer, in
/// <c>config/monitors.json</c>, against a local Kestrel server in the same process, run by the real service
/// (<see cref="MonitorCoreApp.StartAsync"/>: the scheduler, the runner, one SQLite ledger row per run, the built-in
/// monitors too) with <see cref="TimeProvider.System"/>:
/// <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- check-load [--checks N] [--minutes M] [--warmup-minutes W]</c>.
/// After W minutes (default 1: every check is due at start, so the first round starts all at once), for M minutes
/// (default 2) it measures the process's CPU time (service and server together), its working set and GC heap, and,
/// from the time each request reached the server, how late each run was: the gap between two runs of one check
/// minus its 60 s interval.
/// </summary>
internal static class CheckLoad
{
    public const string Command = "check-load";

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var checks = Option(args, "--checks", 10_000);
        var minutes = Option(args, "--minutes", 2);
        var warmup = Option(args, "--warmup-minutes", 1);
        var arrivals = new ConcurrentQueue<(int Check, long At)>();
        await using var server = await LocalHttpServer.StartAsync(context =>
        {
            arrivals.Enqueue((int.Parse(context.Request.Query["n"]!, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp()));
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"status":"ok"}""");
        });
        var folder = Directory.CreateTempSubdirectory("monitorcore-check-load-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        File.WriteAllText(Path.Combine(folder, "config", "monitors.json"), ManifestBenchmarks.Manifest(checks, server.Url("/ping")));
        var process = Process.GetCurrentProcess();
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var app = MonitorCoreApp.Build(new HostSettings(folder, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?>
            {
                ["Sources:Mode"] = "Demo",
            }));
            Console.WriteLine($"{checks} checks loaded and validated in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s; {app.Registry.All.Count} monitors");
            await app.InitializeDatabaseAsync(CancellationToken.None);
            await app.StartAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromMinutes(warmup));

            process.Refresh();
            var cpuFrom = process.TotalProcessorTime;
            var from = Stopwatch.GetTimestamp();
            long peakWorkingSet = 0, peakHeap = 0;
            var until = from + (long)(TimeSpan.FromMinutes(minutes).TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuFrom;
            var wall = Stopwatch.GetElapsedTime(from);
            await app.StopAsync(CancellationToken.None);

            var late = new List<double>();
            var runs = 0;
            foreach (var check in arrivals.Where(a => a.At >= from && a.At <= until).GroupBy(a => a.Check))
            {
                runs += check.Count();
            }

            foreach (var check in arrivals.GroupBy(a => a.Check))
            {
                var times = check.Select(a => a.At).Order().ToList();
                for (var i = 1; i < times.Count; i++)
                {
                    if (times[i] >= from && times[i] <= until)
                    {
                        late.Add((Stopwatch.GetElapsedTime(times[i - 1], times[i]) - Interval).TotalMilliseconds);
                    }
                }
            }

            late.Sort();
            var lateBy1s = late.Count(l => l > 1000);
            Console.WriteLine($"measured {wall.TotalMinutes:0.00} min after {warmup} min of warm-up; load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            Console.WriteLine($"runs in the window: {runs} ({runs / wall.TotalMinutes:0} a minute; {checks} checks)");
            Console.WriteLine($"CPU: {cpu.TotalSeconds:0.0} s over {wall.TotalSeconds:0} s = {cpu.TotalSeconds / wall.TotalMinutes:0.0} CPU-s a minute = {cpu.TotalSeconds / wall.TotalSeconds:0.00} of a core (service and server)");
            Console.WriteLine($"memory: peak working set {peakWorkingSet / 1048576.0:0} MB, peak GC heap {peakHeap / 1048576.0:0} MB");
            if (late.Count > 0)
            {
                Console.WriteLine($"lateness of {late.Count} runs (gap to the previous run - 60 s): p50 {Pct(late, 0.5):0} ms, p90 {Pct(late, 0.9):0} ms, p99 {Pct(late, 0.99):0} ms, max {late[^1]:0} ms, min {late[0]:0} ms; late by more than 1 s: {lateBy1s}");
            }

            return 0;
        }
        finally
        {
            Data.DatabaseInitializer.ReleaseSqliteFiles();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
