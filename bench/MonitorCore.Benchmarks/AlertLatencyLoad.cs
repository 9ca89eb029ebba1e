using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Notifications;

namespace MonitorCore.Benchmarks;

/// <summary>
/// Alert-to-webhook latency, as a console load script (BenchmarkDotNet reports means of iterations, not
/// percentiles of single events): <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- alert-latency</c>.
/// <para>
/// The product's host (<see cref="MonitorCoreApp.Build(HostSettings, Action{IServiceCollection}, Action{Microsoft.Extensions.Hosting.IHostApplicationBuilder})"/>, SQLite file in a temporary folder,
/// <see cref="TimeProvider.System"/>) with <c>Notifications:Webhook:Url</c> at a local Kestrel server
/// (<see cref="WebhookStubServer"/>) and the service's <see cref="NotificationDispatchLoop"/> started from DI.
/// Each round raises one new alert through <see cref="IAlertEngine.EvaluateAsync"/> (a rule whose every level
/// goes to the webhook only; the engine commits the alert and its outbox row in one transaction, then
/// signals the loop) and waits until the server has the request. Measured from just before
/// <c>EvaluateAsync</c> to the server's handler starting (<see cref="Stopwatch"/> timestamps of one process).
/// Then, unmeasured, the alert is resolved (silently: the rule does not announce resolves) and the script
/// waits <c>--gap-ms</c> so that every alert meets an idle dispatcher, as alerts do in practice.
/// </para>
/// Options: <c>--alerts N</c> (measured alerts, default 1,000), <c>--warmup N</c> (default 100),
/// <c>--gap-ms N</c> (default 5; 0 raises the next alert as soon as the previous one arrived),
/// <c>--resolve-in-same-evaluation</c> (the previous alert is not resolved on its own but resolves in the
/// measured evaluation, as when one position recovers while another breaches).
/// </summary>
internal static class AlertLatencyLoad
{
    public const string Command = "alert-latency";

    private static readonly IReadOnlyList<string> Webhook = ["webhook"];

    private static readonly AlertRule Rule = new()
    {
        Name = "BenchLatency",
        Monitor = "bench_latency",
        Condition = ThresholdCondition.Above,
        Low = 1,
        Medium = 2,
        High = 3,
        Channels = new Dictionary<AlertLevel, IReadOnlyList<string>>
        {
            [AlertLevel.Low] = Webhook,
            [AlertLevel.Medium] = Webhook,
            [AlertLevel.High] = Webhook,
        },
        NotifyOnResolve = false,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var alerts = Option(args, "--alerts", 1_000);
        var warmup = Option(args, "--warmup", 100);
        var gap = TimeSpan.FromMilliseconds(Option(args, "--gap-ms", 5));
        var resolveTogether = args.Contains("--resolve-in-same-evaluation");

        await using var server = await WebhookStubServer.StartAsync();
        var folder = BenchData.NewTempFolder("latency");
        try
        {
            var host = MonitorCoreApp.Build(new HostSettings(
                folder,
                new Dictionary<string, string?>(),
                Overrides: new Dictionary<string, string?> { ["Notifications:Webhook:Url"] = server.HookUrl }));
            await using (host)
            {
                await host.InitializeDatabaseAsync(CancellationToken.None);
                var engine = host.Services.GetRequiredService<IAlertEngine>();
                var loop = host.Services.GetRequiredService<NotificationDispatchLoop>();
                await loop.StartAsync(CancellationToken.None);
                try
                {
                    var (total, afterCommit, evaluate) = await MeasureAsync(server, engine, alerts, warmup, gap, resolveTogether);
                    await ExpectAllSentAsync(host.Services.GetRequiredService<INotificationOutbox>(), alerts + warmup);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"alert-latency: {alerts} alerts after {warmup} warm-up ones, gap {gap.TotalMilliseconds} ms{(resolveTogether ? ", previous alert resolved in the same evaluation" : "")}, load average {LoadAverage()}"));
                    Print("raised -> webhook received (EvaluateAsync called to request at the server)", total);
                    Print("EvaluateAsync returned -> webhook received", afterCommit);
                    Print("EvaluateAsync (alert and outbox row committed, loop signalled)", evaluate);
                }
                finally
                {
                    await loop.StopAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            BenchData.DeleteFolder(folder);
        }

        return 0;
    }

    private static async Task<(double[] Total, double[] AfterCommit, double[] Evaluate)> MeasureAsync(
        WebhookStubServer server, IAlertEngine engine, int alerts, int warmup, TimeSpan gap, bool resolveTogether)
    {
        var total = new List<double>(alerts);
        var afterCommit = new List<double>(alerts);
        var evaluate = new List<double>(alerts);
        Expected? expected = null;
        server.Received = (arrived, body) =>
        {
            if (Volatile.Read(ref expected) is { } e && body.Contains(e.Token, StringComparison.Ordinal))
            {
                e.Arrived.TrySetResult(arrived);
            }
        };

        for (var i = 0; i < warmup + alerts; i++)
        {
            var subject = string.Create(CultureInfo.InvariantCulture, $"position-{i:D6}");
            var arrivedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref expected, new Expected(subject + " breached", arrivedAt));

            var raised = Stopwatch.GetTimestamp();
            var outcome = await engine.EvaluateAsync(Rule, [new Observation(subject, 5, subject + " breached")], null, CancellationToken.None);
            var returned = Stopwatch.GetTimestamp();
            var arrived = await arrivedAt.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (outcome.NotificationIds.Count != 1)
            {
                throw new InvalidOperationException($"Alert {i} queued {outcome.NotificationIds.Count} notifications, expected 1.");
            }

            if (i >= warmup)
            {
                total.Add(Stopwatch.GetElapsedTime(raised, arrived).TotalMilliseconds);
                afterCommit.Add(Stopwatch.GetElapsedTime(returned, arrived).TotalMilliseconds);
                evaluate.Add(Stopwatch.GetElapsedTime(raised, returned).TotalMilliseconds);
            }

            // Unmeasured: resolve it (nothing is told), then leave the dispatcher idle before the next alert.
            if (!resolveTogether)
            {
                await engine.EvaluateAsync(Rule, [], null, CancellationToken.None);
            }

            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap);
            }
        }

        server.Received = null;
        return ([.. total], [.. afterCommit], [.. evaluate]);
    }

    /// <summary>Every queued row must end <c>sent</c>: the loop marks a row after the server answered, so give it a moment.</summary>
    private static async Task ExpectAllSentAsync(INotificationOutbox outbox, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var rows = await outbox.ListAsync(null, count + 1, CancellationToken.None);
            if (rows.Count == count && rows.All(r => r.Status == NotificationStatus.Sent))
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"Not every one of the {count} notifications was marked sent.");
    }

    private sealed record Expected(string Token, TaskCompletionSource<long> Arrived);

    private static void Print(string what, double[] values)
    {
        Array.Sort(values);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}:\n    p50 {Percentile(values, 50):0.000} ms  p90 {Percentile(values, 90):0.000} ms  p99 {Percentile(values, 99):0.000} ms  " +
            $"max {values[^1]:0.000} ms  mean {values.Average():0.000} ms  min {values[0]:0.000} ms"));
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
