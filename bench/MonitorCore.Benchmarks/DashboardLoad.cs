using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonitorCore.Alerts;
using MonitorCore.Api;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The web dashboard under a large book, in a real browser, as a console script:
/// <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- dashboard-load</c>.
/// <para>
/// The product's web host (<see cref="MonitorCoreWebHost.Build"/>, as <c>monitorcore serve</c> builds it, every background
/// service running, the demo market) on a copy of the 1,000,000-row ledger that <see cref="StatusSnapshotBenchmarks"/> fills
/// (<c>--rows</c>), with <c>--positions</c> (1,000) positions imported through <c>POST /api/positions/import</c> around the
/// demo market's prices. Debian's Chromium (<c>/usr/bin/chromium</c>, headless, <c>--no-sandbox</c>) driven by
/// Microsoft.Playwright, as the dashboard's tests drive it. Three measurements:
/// </para>
/// <list type="number">
/// <item><b>First full render</b> (<c>--loads</c>, 10): a fresh browser context opens <c>/</c>; an init script watches the DOM
/// and notes the moment every panel shows what its first reads brought (every position card, the alerts list, every
/// monitor's badge, the ledger's 50 rows, the chart's summary, the settings, the overall badge), then the next animation
/// frame. Milliseconds from the navigation's start (<c>performance.now()</c>).</item>
/// <item><b>Alert commit → its row on the page</b> (<c>--alerts</c>, 100): with one page open on the live stream, an alert is
/// raised through <see cref="IAlertEngine.EvaluateAsync"/> (committed with its <c>alert_raised</c> event), and a
/// <c>MutationObserver</c> in the page calls back through a Playwright binding when its <c>[data-alert]</c> row appears.
/// From just before <c>EvaluateAsync</c> to the callback's arrival in this process (<see cref="Stopwatch"/>), so the
/// binding's own delay is counted too. Then the alert is resolved and the next comes <c>--gap-ms</c> (1,000) later.</item>
/// <item><b>JS heap over a soak</b> (<c>--soak-minutes</c>, 10): the cycle at a 1 s interval (<c>PUT /api/settings</c>, the
/// service's own scheduler runs it: every monitor of the cycle, its events, the page re-reading its panels) for the given
/// minutes, with a fresh page open; every <c>--sample-seconds</c> (60) the page's heap is read through the DevTools
/// protocol after a forced garbage collection (<c>HeapProfiler.collectGarbage</c>, <c>Runtime.getHeapUsage</c>), with
/// the DOM's node count.</item>
/// </list>
/// </summary>
internal static class DashboardLoad
{
    public const string Command = "dashboard-load";

    private const string Chromium = "/usr/bin/chromium";

    private static readonly AlertRule Rule = new()
    {
        Name = "BenchDashboard",
        Monitor = "bench_dashboard",
        Condition = ThresholdCondition.Above,
        Low = 1,
        Medium = 2,
        High = 3,
        Channels = new Dictionary<AlertLevel, IReadOnlyList<string>> { [AlertLevel.Low] = [], [AlertLevel.Medium] = [], [AlertLevel.High] = [] },
        NotifyOnResolve = false,
    };

    /// <summary>Notes when every panel first shows its data (then the next frame) in <c>window.__render</c>.</summary>
    private const string RenderWatch = """
        (() => {
          const expected = __EXPECTED__;
          const count = s => document.querySelectorAll(s).length;
          const text = id => document.getElementById(id)?.textContent ?? '';
          const parts = {
            first_positions: () => count('#positions [data-position]') > 0,
            positions: () => count('#positions [data-position]') >= expected.positions,
            alerts: () => count('#alert-list li') > 0,
            monitors: () => count('#monitors li') >= expected.monitors,
            ledger: () => count('#ledger-rows tr[data-ledger-id]') >= expected.ledger,
            chart: () => text('chart-summary') !== '',
            settings: () => count('#settings-cycle *') > 0 && count('#settings-thresholds *') > 0,
            overall: () => text('overall') !== '' && text('overall') !== 'Loading…',
          };
          const render = window.__render = { parts: {}, full: null, painted: null };
          const look = () => {
            for (const [name, done] of Object.entries(parts)) if (render.parts[name] == null && done()) render.parts[name] = performance.now();
            if (render.full == null && Object.keys(parts).every(name => render.parts[name] != null)) {
              render.full = performance.now();
              requestAnimationFrame(() => { render.painted = performance.now(); observer.disconnect(); });
            }
          };
          const observer = new MutationObserver(look);
          observer.observe(document, { childList: true, subtree: true, characterData: true });
        })();
        """;

    /// <summary>
    /// Calls <c>__alertShown(id)</c> once for each alert row that appears, and notes on the page's clock when each
    /// <c>alert_raised</c> event arrived (the page's own EventSource, subclassed), when its row appeared, and how many
    /// events of each type came.
    /// </summary>
    private const string AlertWatch = """
        (() => {
          const seen = new Set();
          const t = window.__t = { raised: {}, shown: {}, types: {} };
          const Original = window.EventSource;
          window.EventSource = class extends Original {
            constructor(url, init) {
              super(url, init);
              for (const type of ['run_recorded', 'cycle_completed', 'alert_raised', 'alert_escalated', 'alert_resolved', 'alert_acknowledged',
                'snooze_changed', 'notification_sent', 'notification_failed', 'settings_changed']) {
                this.addEventListener(type, m => {
                  t.types[type] = (t.types[type] ?? 0) + 1;
                  if (type === 'alert_raised') t.raised[JSON.parse(m.data).data.id] = performance.now();
                });
              }
            }
          };
          new MutationObserver(() => {
            for (const row of document.querySelectorAll('#alert-list [data-alert]')) {
              const id = row.dataset.alert;
              if (!seen.has(id)) { seen.add(id); t.shown[id] = performance.now(); window.__alertShown(id); }
            }
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var positions = Option(args, "--positions", 1000);
        var loads = Option(args, "--loads", 10);
        var alerts = Option(args, "--alerts", 100);
        var gapMs = Option(args, "--gap-ms", 1000);
        var soakMinutes = Option(args, "--soak-minutes", 10);
        var sampleSeconds = Option(args, "--sample-seconds", 60);
        if (!File.Exists(Chromium))
        {
            await Console.Error.WriteLineAsync($"dashboard-load needs {Chromium}: apt-get install -y chromium");
            return 2;
        }

        Console.WriteLine($"filling (or reusing) a ledger of {rows:N0} rows…");
        var cached = await StatusSnapshotBenchmarks.FilledFileAsync(rows);
        var folder = BenchData.NewTempFolder("dashboard-load");
        try
        {
            var db = Path.Combine(folder, "monitorcore.db");
            File.Copy(cached, db);
            await using var app = MonitorCoreWebHost.Build(
                new HostSettings(folder, new Dictionary<string, string?>(), null, db, new Dictionary<string, string?>
                {
                    ["Api:Urls"] = "http://127.0.0.1:0",
                    ["Api:MutationsPerMinute"] = "100000",
                    ["Sources:Mode"] = "Demo",
                    ["Ledger:RetentionDays"] = "3650", // the filled rows are dated 2025: kept, not pruned under the measurement
                    ["Logging:LogLevel:Default"] = "Warning",
                }),
                TimeSpan.FromSeconds(5),
                services =>
                {
                    foreach (var name in BenchData.ExtraMonitors)
                    {
                        services.AddMonitor<NoopMonitor>(name);
                    }
                });
            await app.InitializeDatabaseAsync(CancellationToken.None);
            await app.Operations.Settings.SetAsync("enabled_sonic", "false", CancellationToken.None); // the soak turns it on
            await app.StartAsync(CancellationToken.None);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            var book = await ImportBookAsync(http, positions);
            var ledgerRows = await app.Services.GetRequiredService<IMonitorLedger>().CountAsync(null, CancellationToken.None);
            Console.WriteLine($"serving {address}: {app.Registry.All.Count} monitors, {ledgerRows:N0} ledger rows, {book} active positions; load average {ApiLoad.LoadAverage()}");

            foreach (var read in new[]
            {
                "status", "monitors", "api/positions", "api/prices", "api/liquidation/lines", "api/settings/sonic_interval_seconds", "api/alerts",
                "api/channels", "api/market", "api/prices/SOL/history?hours=24&points=500", "api/ledger?limit=50", "api/ledger?monitor=sonic_monitor&limit=1",
                "api/settings", "api/thresholds",
            })
            {
                Console.WriteLine("  " + await ApiLoad.ProbeAsync(address + read, 6));
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            Console.WriteLine($"Chromium {browser.Version}");

            var expected = new JsonObject { ["positions"] = book, ["monitors"] = app.Registry.All.Count, ["ledger"] = 50 }.ToJsonString();
            await FirstRenderAsync(browser, address, RenderWatch.Replace("__EXPECTED__", expected, StringComparison.Ordinal), loads);
            await AlertToRowAsync(browser, address, app.Services.GetRequiredService<IAlertEngine>(), alerts, gapMs);
            await SoakAsync(browser, address, http, app, soakMinutes, sampleSeconds);
            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            BenchData.DeleteFolder(folder);
        }
    }

    /// <summary>
    /// Prices from the demo market, then <paramref name="count"/> positions through the API: SOL, ETH and BTC in turn, LONG
    /// and SHORT, 1–60 % from liquidation (a few inside the alert lines), as a trader's import would bring them.
    /// </summary>
    private static async Task<int> ImportBookAsync(HttpClient http, int count)
    {
        (await http.PostAsync("monitor/price_monitor", null)).EnsureSuccessStatusCode();
        var prices = (await http.GetFromJsonAsync<JsonObject>("api/prices"))!["prices"]!.AsArray()
            .ToDictionary(p => (string)p!["asset_type"]!, p => (double)p!["current_price"]!);
        var assets = new[] { "SOL", "ETH", "BTC" };
        var random = new Random(42);
        var csv = new StringBuilder("id,asset_type,position_type,entry_price,liquidation_price,size,collateral\n");
        for (var i = 0; i < count; i++)
        {
            var asset = assets[i % assets.Length];
            var price = prices[asset];
            var isLong = i % 2 == 0;
            var distance = 0.01 + (0.59 * random.NextDouble());
            var liquidation = isLong ? price * (1 - distance) : price * (1 + distance);
            var entry = isLong ? price * (1 + (0.1 * random.NextDouble())) : price * (1 - (0.1 * random.NextDouble()));
            var size = Math.Round(100 + (random.NextDouble() * 9900), 2);
            csv.Append(CultureInfo.InvariantCulture,
                $"bench-{i:D5},{asset},{(isLong ? "LONG" : "SHORT")},{entry:0.####},{liquidation:0.####},{size},{Math.Round(size / (2 + (random.NextDouble() * 18)), 2)}\n");
        }

        using var body = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var import = await http.PostAsync("api/positions/import", body);
        if (!import.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The import answered {(int)import.StatusCode}: {await import.Content.ReadAsStringAsync()}");
        }

        return (await http.GetFromJsonAsync<JsonObject>("api/positions"))!["positions"]!.AsArray().Count;
    }

    private static async Task FirstRenderAsync(IBrowser browser, Uri address, string watch, int loads)
    {
        var full = new List<double>();
        var painted = new List<double>();
        var lastApi = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = address.ToString() });
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);
            await page.AddInitScriptAsync(watch);
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => window.__render && window.__render.painted != null", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            var render = await page.EvaluateAsync<JsonElement>(
                "() => ({ ...window.__render, dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, " +
                "api: Math.max(...performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch').map(r => r.responseEnd)), " +
                "fetches: performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch').length, " +
                "slowest: performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch').sort((a, b) => b.duration - a.duration).slice(0, 4)" +
                ".map(r => `${new URL(r.name).pathname} ${Math.round(r.startTime)}+${Math.round(r.duration)} ms ${r.encodedBodySize} B`).join('; ') })");
            var parts = string.Join(", ", render.GetProperty("parts").EnumerateObject().Where(p => !p.Name.StartsWith('$')).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {Number(p.Value):0}")));
            var work = await MainThreadAsync(cdp);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var mainThread = string.Create(CultureInfo.InvariantCulture,
                $"main thread {1000 * work["TaskDuration"]:0} ms busy of {1000 * elapsed:0} (script {1000 * work["ScriptDuration"]:0}, layout {1000 * work["LayoutDuration"]:0}, style {1000 * work["RecalcStyleDuration"]:0})");
            var problems = errors.Count > 0 ? $"; page errors: {string.Join(" | ", errors)}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  load {i + 1}: full render {Number(render.GetProperty("full")):0} ms, painted {Number(render.GetProperty("painted")):0} ms " +
                $"(DOMContentLoaded {Number(render.GetProperty("dom")):0} ms, last of {Number(render.GetProperty("fetches"))} API reads {Number(render.GetProperty("api")):0} ms; {parts}){problems}\n    {mainThread}; slowest reads: {render.GetProperty("slowest").GetString()}"));
            if (i > 0)
            {
                full.Add(Number(render.GetProperty("full")));
                painted.Add(Number(render.GetProperty("painted")));
                lastApi.Add(Number(render.GetProperty("api")));
            }
        }

        if (full.Count > 0)
        {
            Console.WriteLine($"first full render, loads 2–{loads} (load 1 warms the server up): load average {ApiLoad.LoadAverage()}");
            Print("full render (every panel filled)", full);
            Print("painted (the next frame)", painted);
            Print("last API read answered", lastApi);
        }
    }

    private static async Task AlertToRowAsync(IBrowser browser, Uri address, IAlertEngine engine, int alerts, int gapMs)
    {
        if (alerts <= 0)
        {
            return;
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        var shown = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        TaskCompletionSource<long> Shown(long id) => shown.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        await page.ExposeFunctionAsync("__alertShown", (string id) =>
        {
            Shown(long.Parse(id, CultureInfo.InvariantCulture)).TrySetResult(Stopwatch.GetTimestamp());
        });
        await page.AddInitScriptAsync(AlertWatch);
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("html[data-stream='live']", new PageWaitForSelectorOptions { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#positions [data-position]", new PageWaitForSelectorOptions { Timeout = 120_000 });

        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var busyBefore = await MainThreadAsync(cdp);
        var phase = Stopwatch.GetTimestamp();
        var latencies = new List<double>();
        var onPage = new List<double>();
        for (var i = 0; i < alerts; i++)
        {
            await Task.Delay(gapMs);
            var subject = string.Create(CultureInfo.InvariantCulture, $"dashboard-{i:D5}");
            var before = Stopwatch.GetTimestamp();
            var outcome = await engine.EvaluateAsync(Rule, [new Observation(subject, 5, subject + " breached")], null, CancellationToken.None);
            var id = outcome.Alerts.Single().Id;
            var at = await Shown(id).Task.WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add(Stopwatch.GetElapsedTime(before, at).TotalMilliseconds);
            var times = await page.EvaluateAsync<JsonElement>("id => [window.__t.raised[id], window.__t.shown[id]]", id.ToString(CultureInfo.InvariantCulture));
            onPage.Add(Number(times[1]) - Number(times[0]));
            if (Environment.GetEnvironmentVariable("DASHBOARD_LOAD_TRACE") is not null)
            {
                var trace = await page.EvaluateAsync<string>(
                    "id => { const from = window.__t.raised[id]; return performance.getEntriesByType('resource').filter(r => r.startTime >= from - 5)" +
                    ".map(r => `${new URL(r.name).pathname}${new URL(r.name).search} +${Math.round(r.startTime - from)}..${Math.round(r.responseEnd - from)}`).join('; ') + ` | shown +${Math.round(window.__t.shown[id] - from)}` }",
                    id.ToString(CultureInfo.InvariantCulture));
                Console.WriteLine($"    alert {id}: {trace}");
            }
            await engine.EvaluateAsync(Rule, [], null, CancellationToken.None); // resolved, not measured
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alert committed -> its row on the page, {alerts} alerts {gapMs} ms apart: load average {ApiLoad.LoadAverage()}"));
        Print("EvaluateAsync called -> row seen (Playwright binding)", latencies);
        Print("of which on the page: alert_raised arrived -> row in the DOM (page clock)", onPage);
        Console.WriteLine($"  events the page received meanwhile: {(await page.EvaluateAsync<JsonElement>("() => window.__t.types")).GetRawText()}");
        Console.WriteLine("  the page's main thread meanwhile: " + Busy(busyBefore, await MainThreadAsync(cdp), Stopwatch.GetElapsedTime(phase)));
    }

    private static async Task SoakAsync(IBrowser browser, Uri address, HttpClient http, MonitorCoreApp app, int minutes, int sampleSeconds)
    {
        if (minutes <= 0)
        {
            return;
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("html[data-stream='live']", new PageWaitForSelectorOptions { Timeout = 120_000 });
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var ledger = app.Services.GetRequiredService<IMonitorLedger>();

        var previous = await MainThreadAsync(cdp);
        var previousAt = Stopwatch.GetTimestamp();
        async Task<string> SampleAsync(TimeSpan at, long cyclesAtStart)
        {
            var now = await MainThreadAsync(cdp);
            var busy = Busy(previous, now, Stopwatch.GetElapsedTime(previousAt));
            (previous, previousAt) = (now, Stopwatch.GetTimestamp());
            await cdp.SendAsync("HeapProfiler.collectGarbage");
            var heap = (await cdp.SendAsync("Runtime.getHeapUsage"))!.Value;
            var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
                .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
            var cycles = await ledger.CountAsync("sonic_monitor", CancellationToken.None) - cyclesAtStart;
            return string.Create(CultureInfo.InvariantCulture,
                $"  {at.TotalMinutes,5:0.0} min: JS heap used {heap.GetProperty("usedSize").GetDouble() / 1048576:0.00} MB (of {heap.GetProperty("totalSize").GetDouble() / 1048576:0.00} MB), " +
                $"DOM nodes {metrics["Nodes"]:0}, listeners {metrics["JSEventListeners"]:0}, documents {metrics["Documents"]:0}; {cycles} cycles; main thread since the last sample {busy}; load average {ApiLoad.LoadAverage()}");
        }

        var startCycles = await ledger.CountAsync("sonic_monitor", CancellationToken.None);
        Console.WriteLine($"soak: the cycle every 1 s for {minutes} min (shortened from the issue's hour), the page open; heap after a forced GC:");
        Console.WriteLine(await SampleAsync(TimeSpan.Zero, startCycles));
        (await http.PutAsJsonAsync("api/settings/sonic_interval_seconds", new { value = "1" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync("api/settings/enabled_sonic", new { value = "true" })).EnsureSuccessStatusCode();
        var started = Stopwatch.GetTimestamp();
        var end = TimeSpan.FromMinutes(minutes);
        while (Stopwatch.GetElapsedTime(started) < end)
        {
            var next = TimeSpan.FromSeconds(Math.Min(end.TotalSeconds, (Math.Floor(Stopwatch.GetElapsedTime(started).TotalSeconds / sampleSeconds) + 1) * sampleSeconds));
            await Task.Delay(next - Stopwatch.GetElapsedTime(started) is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            Console.WriteLine(await SampleAsync(Stopwatch.GetElapsedTime(started), startCycles));
        }

        (await http.PutAsJsonAsync("api/settings/enabled_sonic", new { value = "false" })).EnsureSuccessStatusCode();
        var stream = await page.GetAttributeAsync("html", "data-stream");
        var ledgerShown = await page.Locator("#ledger-rows tr[data-ledger-id]").CountAsync();
        Console.WriteLine($"  after the soak: stream {stream}, {ledgerShown} ledger rows shown, page errors: {(errors.Count == 0 ? "none" : string.Join(" | ", errors))}");
    }

    /// <summary>The page's main-thread time so far (DevTools' Performance metrics, seconds): tasks, script, layout, style.</summary>
    private static async Task<Dictionary<string, double>> MainThreadAsync(ICDPSession cdp) =>
        (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());

    private static string Busy(Dictionary<string, double> before, Dictionary<string, double> after, TimeSpan over)
    {
        string Share(string metric) => string.Create(CultureInfo.InvariantCulture, $"{100 * (after[metric] - before[metric]) / over.TotalSeconds:0} %");
        return $"busy {Share("TaskDuration")} of the time (script {Share("ScriptDuration")}, layout {Share("LayoutDuration")}, style {Share("RecalcStyleDuration")})";
    }

    /// <summary>A number as Playwright hands it back (a JSON number, or a string for what JSON cannot hold).</summary>
    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: p50 {Percentile(values, 50):0} ms, p90 {Percentile(values, 90):0} ms, p99 {Percentile(values, 99):0} ms, max {values[^1]:0} ms (n = {values.Count})"));
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class NoopMonitor : IMonitor
    {
        public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) => Task.FromResult(MonitorResult.Success());
    }
}
