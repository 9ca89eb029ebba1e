using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
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
/// registered monitors and <c>sonic_monitor</c>), listening on a free loopback port; the scheduler, the dispatcher and
/// retention do not run (nothing writes while the reads are measured), the event tail does. Debian's <c>wrk</c> drives
/// <c>GET /status</c> and <c>GET /api/ledger?limit=50</c> (<c>--threads</c> 2, <c>--connections</c> 64, <c>--seconds</c> 15
/// each, after a 3 s warm-up) and its requests/s and latency percentiles are printed, with this process's memory (RSS:
/// the server's, wrk runs apart) idle and under load. Then the event stream: <c>--sse-clients</c> (1,000) clients in a
/// child process and <c>--events</c> (200) alerts, each raised, waited for at every client, and resolved, <c>--gap-ms</c>
/// (20) apart; see <see cref="EventStreamAsync"/>.
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
                Console.WriteLine(await ProbeAsync(address + path));
                await WrkAsync(address + path, threads, connections, 3);
                var cpuBefore = ProcessCpu();
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var gcBefore = GC.CollectionCount(0);
                var (text, rss) = await WrkAsync(address + path, threads, connections, seconds);
                var cpu = ProcessCpu() - cpuBefore;
                var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
                var collections = GC.CollectionCount(0) - gcBefore;
                var requests = RequestsDone().Match(text) is { Success: true } done ? long.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GET {path}: {Summary(text)}; RSS under load {rss} MB; server CPU {cpu.TotalSeconds:0.0} s over {seconds} s = {(requests > 0 ? cpu.TotalMicroseconds / requests : double.NaN):0} µs a request; " +
                    $"allocated {(requests > 0 ? allocated / 1024.0 / requests : double.NaN):0.0} KB a request, {collections} gen-0 collections; load average {LoadAverage()}"));
            }

            Console.WriteLine($"RSS after: {Rss()} MB");
            if (sseClients > 0)
            {
                await EventStreamAsync(app, address, sseClients, Option(args, "--events", 200), Option(args, "--gap-ms", 20));
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            BenchData.DeleteFolder(folder);
        }
    }

    private static readonly AlertRule Rule = new()
    {
        Name = "BenchStream",
        Monitor = "bench_stream",
        Condition = ThresholdCondition.Above,
        Low = 1,
        Medium = 2,
        High = 3,
        Channels = new Dictionary<AlertLevel, IReadOnlyList<string>> { [AlertLevel.Low] = [], [AlertLevel.Medium] = [], [AlertLevel.High] = [] },
        NotifyOnResolve = false,
    };

    /// <summary>
    /// <paramref name="clients"/> clients on <c>GET /api/events</c>, in a child process (<see cref="SseClients"/>, so that this
    /// process's memory is the server's alone); then <paramref name="events"/> rounds of: one new alert raised through
    /// <see cref="IAlertEngine.EvaluateAsync"/> (the alert committed, then its <c>alert_raised</c> event), wait until every
    /// client has read that event, resolve it (its <c>alert_resolved</c> event, also waited for), pause
    /// <paramref name="gapMs"/>. Per alert: the time from just before <c>EvaluateAsync</c> (so the commit is inside) to the
    /// first and to the last client's receipt (<see cref="Stopwatch"/> timestamps: CLOCK_MONOTONIC, one clock for both
    /// processes), p50 / p99 over the alerts.
    /// </summary>
    private static async Task EventStreamAsync(MonitorCoreApp app, string address, int clients, int events, int gapMs)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ApiLoad).Assembly.Location);
        }

        foreach (var arg in new[] { SseClients.Command, "--url", address + "/api/events", "--clients", clients.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var pump = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                await lines.Writer.WriteAsync(line);
            }

            lines.Writer.TryComplete();
        });

        async Task<string> NextAsync(string prefix, TimeSpan within)
        {
            using var deadline = new CancellationTokenSource(within);
            while (true)
            {
                var line = await lines.Reader.ReadAsync(deadline.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }

                Console.WriteLine($"  clients: {line}");
            }
        }

        try
        {
            var connected = await NextAsync("connected", TimeSpan.FromMinutes(2));
            var stream = app.Services.GetRequiredService<MonitorCore.Hosting.Events.EventStream>();
            Console.WriteLine($"{connected[10..]} event stream clients connected ({stream.SubscriberCount} subscribers); RSS {Rss()} MB");
            var engine = app.Services.GetRequiredService<IAlertEngine>();
            var last = new List<double>(events);
            var first = new List<double>(events);
            var afterReturn = new List<double>(events);
            var evaluate = new List<double>(events);
            long peak = 0;
            var cpuBefore = ProcessCpu();
            for (var i = 0; i < events; i++)
            {
                var subject = string.Create(CultureInfo.InvariantCulture, $"position-{i:D6}");
                var before = Stopwatch.GetTimestamp();
                await engine.EvaluateAsync(Rule, [new Observation(subject, 5, subject + " breached")], null, CancellationToken.None);
                var returned = Stopwatch.GetTimestamp();
                var got = (await NextAsync("got ", TimeSpan.FromSeconds(30))).Split(' ');
                if (got[2] != MonitorCore.Events.EventTypes.AlertRaised)
                {
                    throw new InvalidOperationException($"Expected alert_raised to reach every client, got {string.Join(' ', got)}.");
                }

                var firstAt = long.Parse(got[3], CultureInfo.InvariantCulture);
                var lastAt = long.Parse(got[4], CultureInfo.InvariantCulture);
                last.Add(Stopwatch.GetElapsedTime(before, lastAt).TotalMilliseconds);
                first.Add(Stopwatch.GetElapsedTime(before, firstAt).TotalMilliseconds);
                afterReturn.Add(Stopwatch.GetElapsedTime(returned, lastAt).TotalMilliseconds);
                evaluate.Add(Stopwatch.GetElapsedTime(before, returned).TotalMilliseconds);
                peak = Math.Max(peak, Rss());

                await engine.EvaluateAsync(Rule, [], null, CancellationToken.None); // resolved: alert_resolved, not measured
                await NextAsync("got ", TimeSpan.FromSeconds(30));
                await Task.Delay(gapMs);
            }

            var cpu = ProcessCpu() - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{events} alerts to {clients} clients (load average {LoadAverage()}); peak RSS during the rounds {peak} MB; " +
                $"server CPU {cpu.TotalMilliseconds / events:0.0} ms a round (an alert raised and resolved: two events to every client)"));
            Print("alert raised (EvaluateAsync called) -> last client read its event", last);
            Print("alert raised -> first client read its event", first);
            Print("EvaluateAsync returned (alert and event committed) -> last client", afterReturn);
            Print("EvaluateAsync", evaluate);
            Console.WriteLine($"subscribers still attached: {stream.SubscriberCount} of {clients}");
        }
        finally
        {
            await child.StandardInput.WriteLineAsync("stop");
            child.StandardInput.Close();
            if (!child.WaitForExit(30_000))
            {
                child.Kill();
            }

            await pump;
        }
    }

    /// <summary>One client, 20 requests one after another: the route answers 200, and how long one request takes alone.</summary>
    internal static async Task<string> ProbeAsync(string url, int times = 20)
    {
        using var http = new HttpClient();
        var elapsed = new List<double>();
        var size = 0;
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url);
            size = (await response.Content.ReadAsByteArrayAsync()).Length;
            elapsed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"GET {url} alone: first {elapsed[0]:0.0} ms, then median {elapsed.Skip(1).Order().ElementAt((times - 1) / 2):0.00} ms; {size:N0} bytes");
    }

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: p50 {Percentile(values, 50):0.0} ms, p90 {Percentile(values, 90):0.0} ms, p99 {Percentile(values, 99):0.0} ms, max {values[^1]:0.0} ms"));
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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

    /// <summary>This process's CPU time (user and system, every thread): the server's, since wrk and the stream's clients run apart.</summary>
    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsDone();

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
