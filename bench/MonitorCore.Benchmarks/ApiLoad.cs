using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Api;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Monitoring;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The HTTP API under load, as a console script: <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- api-load</c>.
/// <para>
/// The product's web host (<see cref="MonitorCoreWebHost.Build"/>, as <c>monitorcore serve</c> builds it) on a copy of the
/// SQLite file that <see cref="StatusSnapshotBenchmarks"/> fills (<c>--rows</c>, default 1,000,000 ledger rows over the 11
/// registered monitors and <c>sonic_monitor</c>), listening on a free loopback port; the scheduler does not run (nothing
/// writes while the reads are measured). Debian's <c>wrk</c> drives <c>GET /status</c> and <c>GET /api/ledger?limit=50</c>
/// (<c>--threads</c> 2, <c>--connections</c> 64, <c>--seconds</c> 15 each, after a 3 s warm-up) and its requests/s and
/// latency percentiles are printed, with the process's memory (RSS) idle and under load.
/// </para>
/// </summary>
internal static partial class ApiLoad
{
    public const string Command = "api-load";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var threads = Option(args, "--threads", 2);
        var connections = Option(args, "--connections", 64);
        var seconds = Option(args, "--seconds", 15);
        var sseClients = Option(args, "--sse-clients", 1000);
        if (!File.Exists("/usr/bin/wrk"))
        {
            await Console.Error.WriteLineAsync("api-load needs wrk: apt-get install -y wrk");
            return 2;
        }

        Console.WriteLine($"filling (or reusing) a ledger of {rows:N0} rows…");
        var cached = await StatusSnapshotBenchmarks.FilledFileAsync(rows);
        var folder = BenchData.NewTempFolder("api-load");
        try
        {
            var db = Path.Combine(folder, "monitorcore.db");
            File.Copy(cached, db);
            await using var app = MonitorCoreWebHost.Build(
                new HostSettings(folder, new Dictionary<string, string?>(), null, db, new Dictionary<string, string?>
                {
                    ["Api:Urls"] = "http://127.0.0.1:0",
                    ["Api:MutationsPerMinute"] = "100000",
                    ["Logging:LogLevel:Default"] = "Warning",
                }),
                TimeSpan.FromSeconds(5),
                services =>
                {
                    foreach (var name in BenchData.ExtraMonitors)
                    {
                        services.AddMonitor<NoopMonitor>(name);
                    }

                    // Reads only: Monitor Core's background services (registered by factory, unlike the web server's)
                    // are left out, so no cycle, dispatcher or retention writes while wrk measures.
                    foreach (var hosted in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationFactory is not null).ToList())
                    {
                        services.Remove(hosted);
                    }

                    // The event tail stays: the event stream's clients are measured too.
                    services.AddHostedService(sp => sp.GetRequiredService<MonitorCore.Hosting.Events.EventTail>());
                });
            await app.InitializeDatabaseAsync(CancellationToken.None);
            await app.StartAsync(CancellationToken.None);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine($"serving {address}; {app.Registry.All.Count} monitors registered");
            Console.WriteLine($"RSS idle: {Rss()} MB");

            foreach (var path in new[] { "/status", "/api/ledger?limit=50" })
            {
                await WrkAsync(address + path, threads, connections, 3);
                var (text, rss) = await WrkAsync(address + path, threads, connections, seconds);
                Console.WriteLine($"GET {path}: {Summary(text)}; RSS under load {rss} MB");
            }

            Console.WriteLine($"RSS after: {Rss()} MB");
            if (sseClients > 0)
            {
                await EventStreamAsync(app, address, sseClients, Option(args, "--events", 50));
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            BenchData.DeleteFolder(folder);
        }
    }

    /// <summary>
    /// <paramref name="clients"/> clients on <c>GET /api/events</c>; <paramref name="events"/> events appended one at a time
    /// (each through the product's event log, as a run records one); per event, the time from its commit to the last
    /// client that read it; p50 / p99 over the events, and over every single receipt.
    /// </summary>
    private static async Task EventStreamAsync(MonitorCoreApp app, string address, int clients, int events)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 10, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var receipts = new System.Collections.Concurrent.ConcurrentDictionary<long, System.Collections.Concurrent.ConcurrentBag<long>>();
        var connected = 0;
        var readers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            Interlocked.Increment(ref connected);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    receipts.GetOrAdd(long.Parse(line[4..], CultureInfo.InvariantCulture), _ => []).Add(Stopwatch.GetTimestamp());
                }
            }
        })).ToList();
        while (Volatile.Read(ref connected) < clients)
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"{clients} event stream clients connected; RSS {Rss()} MB");
        var log = app.Services.GetRequiredService<MonitorCore.Events.IEventLog>();
        var committed = new Dictionary<long, long>();
        for (var i = 0; i < events; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var stored = await log.AppendAsync([new MonitorCore.Events.NewEvent("bench", new System.Text.Json.Nodes.JsonObject { ["i"] = i })], CancellationToken.None);
            committed[stored[0].Id] = before;
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while ((!receipts.TryGetValue(stored[0].Id, out var got) || got.Count < clients) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(5);
            }

            await Task.Delay(100);
        }

        var last = committed.Select(c => receipts.TryGetValue(c.Key, out var got) && got.Count == clients
            ? Stopwatch.GetElapsedTime(c.Value, got.Max()).TotalMilliseconds
            : double.PositiveInfinity).Order().ToList();
        var all = committed.SelectMany(c => receipts.TryGetValue(c.Key, out var got) ? got.Select(t => Stopwatch.GetElapsedTime(c.Value, t).TotalMilliseconds) : []).Order().ToList();
        Console.WriteLine(
            $"events to {clients} clients: commit → last client p50 {Percentile(last, 50):0.0} ms, p99 {Percentile(last, 99):0.0} ms; " +
            $"commit → each client p50 {Percentile(all, 50):0.0} ms, p99 {Percentile(all, 99):0.0} ms; missing {committed.Count * clients - all.Count} of {committed.Count * clients}; RSS {Rss()} MB");
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static async Task<(string Output, long PeakRss)> WrkAsync(string url, int threads, int connections, int seconds)
    {
        var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--latency", url })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, Rss());
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(500));
        }

        return (await output, peak);
    }

    /// <summary>"12,345 req/s, p50 1.2ms, p90 …, p99 …, errors …" from wrk's --latency output.</summary>
    private static string Summary(string wrk)
    {
        var rps = RequestsPerSecond().Match(wrk).Groups[1].Value;
        var percentiles = string.Join(", ", Percentile().Matches(wrk).Select(m => $"p{m.Groups[1].Value} {m.Groups[2].Value}"));
        var errors = Errors().Match(wrk) is { Success: true } e ? $", {e.Value.Trim()}" : "";
        return $"{rps} req/s, {percentiles}{errors}";
    }

    private static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64 / (1024 * 1024);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+|Socket errors:[^\n]+")]
    private static partial Regex Errors();

    private sealed class NoopMonitor : IMonitor
    {
        public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) => Task.FromResult(MonitorResult.Success());
    }
}
