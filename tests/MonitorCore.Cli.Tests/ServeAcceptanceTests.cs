using System.Diagnostics;
using System.Text;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// The daemon's acceptance as a user meets it: a real <c>serve</c> process on a SQLite file, changed live and read by
/// <c>monitorcore</c> commands on the same file, and stopped with SIGTERM.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeAcceptanceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private string Db => _folder.File("monitorcore.db");

    /// <summary>A command on the service's database, in this process, on the real clock.</summary>
    private async Task<CliResult> CommandAsync(params string[] args)
    {
        var cli = new Cli(_folder.Path);
        return await cli.RunAsync([.. args, "--db", Db]);
    }

    /// <summary>A command on the database of a <c>serve --demo</c>: it holds demo data, so the command says <c>--demo</c> too.</summary>
    private Task<CliResult> DemoCommandAsync(params string[] args) => CommandAsync([.. args, "--demo"]);

    [Fact]
    public async Task Sonic_interval_and_disable_change_the_running_service_at_its_next_cycle_and_sigterm_stops_it_with_0()
    {
        await using var serve = ServeProcess.Start(_folder.Path, "serve", "--demo", "--no-api", "--db", Db);
        await serve.WaitForAsync("Monitor sonic_monitor finished", 1, TimeSpan.FromSeconds(90));

        var interval = await DemoCommandAsync("sonic", "interval", "2s");
        Assert.Equal(0, interval.ExitCode);
        var seen = serve.Count("Monitor sonic_monitor finished");
        await serve.WaitForAsync("Monitor sonic_monitor finished", seen + 3, TimeSpan.FromSeconds(30));
        var starts = (await DemoCommandAsync("ledger", "--monitor", "sonic_monitor", "--limit", "3", "--json")).Json["entries"]!.AsArray()
            .Select(e => DateTimeOffset.Parse((string)e!["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        foreach (var (earlier, later) in starts.Zip(starts.Skip(1)))
        {
            var gap = (later - earlier).TotalSeconds;
            Assert.InRange(gap, 1.9, 3.5); // one interval after the previous start (a demo cycle takes far less than 2 s)
        }

        Assert.Equal(0, (await DemoCommandAsync("sonic", "disable", "market")).ExitCode);
        seen = serve.Count("Monitor sonic_monitor finished");
        await serve.WaitForAsync("Monitor sonic_monitor finished", seen + 2, TimeSpan.FromSeconds(30));
        var market = (await DemoCommandAsync("ledger", "--monitor", "market_monitor", "--limit", "1", "--json")).Json["entries"]!.AsArray()[0]!;
        Assert.Equal(("Disabled", "enabled_market is off"), ((string?)market["status"], (string?)market["metadata"]!["reason"]));

        var sonic = await DemoCommandAsync("sonic");
        Assert.Contains("every 2 s", sonic.Out, StringComparison.Ordinal);
        Assert.Matches(@"leader: \S+ since \d{4}-", sonic.Out);

        var stopped = await serve.TerminateAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, stopped);
        Assert.Contains("leader: none", (await DemoCommandAsync("status")).Out, StringComparison.Ordinal); // the lease was given up
    }

    [Fact]
    public async Task Sigterm_during_a_cycle_exits_0_within_5_s_and_leaves_no_monitor_in_error_because_of_it()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hanging = await LocalHttpServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // the feed never answers: the cycle is in flight
        });
        await using var serve = ServeProcess.Start(_folder.Path, ["serve", "--no-api", "--db", Db], new Dictionary<string, string?>
        {
            ["MONITORCORE_Sources__CoinGecko__BaseUrl"] = hanging.BaseUri.ToString(),
            ["MONITORCORE_Sources__Yahoo__BaseUrl"] = hanging.BaseUri.ToString(),
            ["MONITORCORE_Sources__Jupiter__BaseUrl"] = hanging.BaseUri.ToString(),
            ["MONITORCORE_Sources__CoinGecko__Timeout"] = "00:05:00",
            ["MONITORCORE_Sources__Yahoo__Timeout"] = "00:05:00",
        });
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await serve.WaitForAsync("Monitor Core serving", 1, TimeSpan.FromSeconds(30));

        var stopped = await serve.TerminateAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, stopped);
        var status = (await CommandAsync("status", "--json")).Json;
        var price = status["monitors"]!.AsArray().Single(m => (string?)m!["name"] == "price_monitor")!;
        Assert.NotEqual("Error", (string?)price["health"]);
        Assert.Equal("Skipped", (string?)price["last_status"]);
        Assert.True((bool)price["last_metadata"]!["interrupted"]!);
        Assert.DoesNotContain(status["monitors"]!.AsArray(), m => (string?)m!["health"] == "Error");
        Assert.Empty((await CommandAsync("ledger", "--monitor", "sonic_monitor", "--json")).Json["entries"]!.AsArray()); // the cut cycle wrote no row
    }
}

/// <summary>What a person reads in the log of a service whose feeds are all down.</summary>
[Trait("Category", "Integration")]
public sealed class ServeLogTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Offline_the_first_cycle_says_each_failing_feed_once_with_its_reason_and_no_stack_trace()
    {
        // Retries as in production (3, with backoff): each one was a log entry with a full stack trace.
        await using var serve = ServeProcess.Start(_folder.Path, ["serve", "--no-api", "--db", _folder.File("monitorcore.db")], new Dictionary<string, string?>
        {
            ["MONITORCORE_Sources__Resilience__MaxRetryAttempts"] = "3",
            ["MONITORCORE_Sources__Resilience__RetryBaseDelay"] = "00:00:00.010",
        });
        await serve.WaitForAsync("Monitor sonic_monitor finished", 1, TimeSpan.FromSeconds(90));
        await serve.WaitForAsync("Monitor operations_monitor finished", 1, TimeSpan.FromSeconds(60));
        await serve.WaitForAsync("Monitor latency_monitor finished", 1, TimeSpan.FromSeconds(60));
        Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(5)));

        var lines = serve.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains("Exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Polly", StringComparison.Ordinal));
        var price = Assert.Single(lines, l => l.Contains("Monitor price_monitor finished", StringComparison.Ordinal));
        Assert.Contains("warn:", price, StringComparison.Ordinal);
        Assert.Contains("Error", price, StringComparison.Ordinal);
        Assert.Contains("coingecko: unreachable: ConnectionRefused", price, StringComparison.Ordinal);
        Assert.Contains("yahoo: unreachable: ConnectionRefused", price, StringComparison.Ordinal);
        Assert.Contains("jupiter (unreachable: ConnectionRefused)", Assert.Single(lines, l => l.Contains("Monitor latency_monitor finished", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.InRange(serve.Error.Length, 1, 6 * 1024); // was 36 KB
    }
}

/// <summary>A <c>monitorcore</c> process whose standard error is kept and watched, killed on dispose if still running.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly List<(string Text, int Count, TaskCompletionSource Seen)> _waits = [];

    private ServeProcess(Process process) => _process = process;

    public static ServeProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, args, null);

    public static ServeProcess Start(string workingDirectory, string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = CliProcess.StartInfo(workingDirectory, args);
        foreach (var (key, value) in OfflineSources.Environment())
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var serve = new ServeProcess(new Process { StartInfo = start });
        serve._process.ErrorDataReceived += (_, e) => serve.Received(e.Data);
        serve._process.Start();
        serve._process.BeginErrorReadLine();
        return serve;
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>How many lines so far contain <paramref name="text"/>.</summary>
    public int Count(string text)
    {
        lock (_error)
        {
            return _error.ToString().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>Waits until <paramref name="count"/> lines contain <paramref name="text"/>; says what the process wrote when it does not come.</summary>
    public async Task WaitForAsync(string text, int count, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_error)
        {
            _waits.Add((text, count, seen));
        }

        Received(null);
        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{text}' was not written {count} times within {timeout.TotalSeconds} s. The process wrote:\n{Error}");
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit; its exit code, or a failure when it takes longer than <paramref name="within"/>.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The service did not exit within {within.TotalSeconds} s of SIGTERM. It wrote:\n{Error}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no lease given up.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        lock (_error)
        {
            if (line is not null)
            {
                _error.AppendLine(line);
            }

            var lines = _error.ToString().Split('\n');
            foreach (var wait in _waits.Where(w => !w.Seen.Task.IsCompleted))
            {
                if (lines.Count(l => l.Contains(wait.Text, StringComparison.Ordinal)) >= wait.Count)
                {
                    wait.Seen.TrySetResult();
                }
            }
        }
    }
}
