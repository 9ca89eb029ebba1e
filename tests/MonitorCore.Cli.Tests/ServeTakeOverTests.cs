using System.Diagnostics;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Issue 10's acceptance: two <c>serve</c> processes on one PostgreSQL database; the leader is killed with SIGKILL
/// (no lease given up, no shutdown), and the other runs the next cycle within two intervals, saying it took over;
/// every notification reaches the local provider once.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServeTakeOverTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _first = new();
    private readonly TempDirectory _second = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await new PostgresDatabaseFactory(postgres).CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task Kill_9_of_the_leader_the_other_runs_the_next_cycle_within_two_intervals_and_each_notification_arrives_once()
    {
        await using var webhook = await LocalHttpServer.StartAsync(200, "{\"ok\":true}");
        var environment = new Dictionary<string, string?>
        {
            ["MONITORCORE_DB"] = _database.Connection,
            ["MONITORCORE_Notifications__Webhook__Url"] = webhook.Url("/hook"),
        };
        var cli = new Cli(_first.Path);
        foreach (var (key, value) in environment)
        {
            cli.Environment[key] = value;
        }

        Assert.Equal(0, (await cli.RunAsync("sonic", "interval", $"{Interval.TotalSeconds}s", "--demo")).ExitCode);
        // The demo wallet has a position a few percent from liquidation: its alert goes to the webhook.
        Assert.Equal(0, (await cli.RunAsync(
            "thresholds", "set", "LiquidationDistance", "Position", "--low", "50", "--medium", "25", "--high", "10", "--condition", "BELOW",
            "--low-notify", "webhook", "--medium-notify", "webhook", "--high-notify", "webhook", "--demo")).ExitCode);

        await using var leader = ServeProcess.Start(_first.Path, ["serve", "--demo", "--no-api"], environment);
        await leader.WaitForAsync("Monitor sonic_monitor finished", 1, TimeSpan.FromSeconds(120));
        await using var standby = ServeProcess.Start(_second.Path, ["serve", "--demo", "--no-api"], environment);
        await standby.WaitForAsync("stands by", 1, TimeSpan.FromSeconds(120));
        await WaitUntilAsync(() => !webhook.Requests.IsEmpty, TimeSpan.FromSeconds(60)); // the leader's first alert was sent

        var killed = Stopwatch.StartNew();
        await leader.KillAsync();
        await standby.WaitForAsync("Monitor sonic_monitor finished", 1, 2 * Interval);

        Assert.InRange(killed.Elapsed, TimeSpan.Zero, 2 * Interval);
        Assert.Contains("took over the cycle from", standby.Error, StringComparison.Ordinal);

        var sent = await cli.RunAsync("notifications", "--status", "sent", "--json", "--demo");
        Assert.Equal(0, sent.ExitCode);
        var keys = webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count); // none reached the provider twice, before or after the kill
        var delivered = sent.Json["notifications"]!.AsArray().Count(n => (string?)n!["channel"] == "webhook");
        Assert.InRange(delivered, 1, keys.Count); // each one marked sent reached it (a send in flight may not be marked yet)
        Assert.Equal(0, await standby.TerminateAsync(TimeSpan.FromSeconds(5)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"not within {timeout.TotalSeconds} s");
            await Task.Delay(100); // two real serve processes: no clock of theirs to move, so their state is looked at again (the timeout is a ceiling, not a measure)
        }
    }
}
