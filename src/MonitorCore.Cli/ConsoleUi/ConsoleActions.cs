using System.Globalization;
using MonitorCore.Hosting.Operations;
using MonitorCore.Ledger;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>The console's actions: each one operation through the client, and what it says after.</summary>
internal static class ConsoleActions
{
    private const Panels AfterRun = Panels.Status | Panels.Ledger | Panels.Positions | Panels.Alerts;

    public static Task RunAsync(this ConsoleController console, string monitor) =>
        console.ActAsync($"running {monitor}…", async (client, ct) => Describe(await client.RunAsync(monitor, ct)), AfterRun);

    public static Task RunAllAsync(this ConsoleController console) =>
        console.ActAsync("run all: running every monitor…", async (client, ct) => "run all: " + Describe(await client.RunAllAsync(ct)), AfterRun);

    public static Task AcknowledgeAsync(this ConsoleController console, long alertId) =>
        console.ActAsync($"acknowledging alert {alertId}…", async (client, ct) =>
        {
            await client.AcknowledgeAsync(alertId, ct);
            return $"Alert {alertId} acknowledged: its reminders stop.";
        }, Panels.Alerts | Panels.Status);

    /// <summary>Snoozes an alert for <paramref name="duration"/> (30m, 2h, 1d…) or until it resolves ("resolved").</summary>
    public static Task SnoozeAsync(this ConsoleController console, long alertId, string duration)
    {
        var untilResolved = duration.Trim().ToLowerInvariant() is "resolved" or "until resolved" or "until-resolved";
        TimeSpan? span = null;
        if (!untilResolved)
        {
            if (!Durations.TryParse(duration, out var parsed, out var problem))
            {
                console.Say(problem);
                return Task.CompletedTask;
            }

            span = parsed;
        }

        var target = alertId.ToString(CultureInfo.InvariantCulture);
        return console.ActAsync($"snoozing alert {alertId}…", async (client, ct) =>
        {
            var snooze = await client.SnoozeAsync(new SnoozeRequest(target, span, untilResolved, "from the console"), ct);
            var left = snooze.Until is { } until ? "for " + Format.Seconds((until - console.Time.GetUtcNow()).TotalSeconds) : "until it resolves";
            return $"Alert {alertId} snoozed {left} (snooze {snooze.Id}).";
        }, Panels.Snoozes | Panels.Alerts | Panels.Status);
    }

    public static Task UnsnoozeAsync(this ConsoleController console, string snoozeId, string what) =>
        console.ActAsync($"ending the snooze of {what}…", async (client, ct) =>
        {
            var result = await client.UnsnoozeAsync(snoozeId, ct);
            return $"Snooze of {what} ended ({result.Removed} removed).";
        }, Panels.Snoozes | Panels.Alerts | Panels.Status);

    public static Task TestChannelAsync(this ConsoleController console, string channel) =>
        console.ActAsync($"sending a test through {channel}…", async (client, ct) =>
        {
            var test = await client.TestChannelAsync(channel, ct);
            var r = test.Result;
            var detail = r.Error ?? (r.ProviderMessageId is { } id ? $"provider id {id}" : null);
            return $"Test through {r.Channel}: {Vocabulary.Word(r.Status)}{(detail is null ? "" : ": " + detail)} (xcom_monitor row #{test.Run.Id}).";
        }, Panels.Ledger | Panels.Status);

    public static string Describe(RunResult result)
    {
        if (result.Runs.Count == 1)
        {
            return Describe(result.Runs[0]);
        }

        var counts = result.Runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        var failed = result.Runs.Where(r => r.Status == Monitoring.MonitorStatus.Error).Select(r => r.MonitorName).ToList();
        return $"ran {result.Runs.Count} monitors: {string.Join(", ", counts)}" + (failed.Count > 0 ? $" (Error: {string.Join(", ", failed)})" : "") + ".";
    }

    public static string Describe(LedgerEntry run)
    {
        var duration = run.DurationMs is { } ms ? $" in {ms:0} ms" : "";
        var error = run.Metadata["error"] is { } e ? $": {e}" : "";
        return $"{run.MonitorName}: {run.Status}{duration} (ledger row #{run.Id}){error}.";
    }
}
