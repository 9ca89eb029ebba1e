using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>
/// What the console knows and does, apart from how it is drawn: reads the panels from the client (all at start; those
/// an event affects when it comes; the status every <see cref="StatusEvery"/>, for health that changes with age),
/// follows the event stream and says when it is lost and back, and runs one action at a time, saying how it went. Reads
/// requested while one is under way are merged into the next, so a burst of events costs one more read.
/// </summary>
/// <param name="client">Where the data comes from.</param>
/// <param name="time">The clock (ages, countdowns, the status reads).</param>
internal sealed class ConsoleController(IConsoleClient client, TimeProvider time) : IAsyncDisposable
{
    /// <summary>
    /// How often the status is read again when nothing happened. Every change (a run by this console, the service or a
    /// command, an alert, a snooze, a setting) comes by the event stream and is read at once (the local event tail looks
    /// every 250 ms); ages and countdowns move on the screen every second from the last read. The status is read again
    /// only because health moves with age (a monitor that misses its interval turns Warning, then Offline, with no event).
    /// </summary>
    public static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);

    /// <summary>The self-test monitor of the spec (power-on checks); the console's <c>t</c> runs it when it is registered.</summary>
    public const string SelfTestMonitor = "operations_monitor";

    /// <summary>A panel that could not be read is read again after this long (and again, until it can).</summary>
    public static readonly TimeSpan RetryReadAfter = TimeSpan.FromSeconds(2);

    /// <summary>How many ledger rows the console shows.</summary>
    public const int LedgerRows = 50;

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _work = [];
    private ConsoleData _data = new();
    private Panels _dirty;
    private Panels _failed;
    private bool _reading;
    private Task _events = Task.CompletedTask;
    private Task _ticks = Task.CompletedTask;

    /// <summary>What to draw now.</summary>
    public ConsoleData Data => Volatile.Read(ref _data);

    public IConsoleClient Client => client;

    public TimeProvider Time => time;

    /// <summary>Whether the self-test can run: <see cref="SelfTestMonitor"/> is registered (null: the monitors are not read yet).</summary>
    public bool? SelfTestAvailable => Data.Monitors is { } list ? list.Monitors.Any(m => m.Name == SelfTestMonitor) : null;

    /// <summary>Raised (on any thread) when <see cref="Data"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Reads everything, then follows the event stream and the clock.</summary>
    public void Start()
    {
        Refresh(Panels.All);
        _events = Task.Run(() => FollowEventsAsync(_stop.Token));
        _ticks = Task.Run(() => TickAsync(_stop.Token));
    }

    /// <summary>Reads <paramref name="panels"/> again (now, or right after the read under way).</summary>
    public void Refresh(Panels panels)
    {
        lock (_lock)
        {
            _dirty |= panels;
            if (_reading || _dirty == Panels.None)
            {
                return;
            }

            _reading = true;
            TrackLocked(Task.Run(() => ReadLoopAsync(_stop.Token)));
        }
    }

    /// <summary>Says something on the status line.</summary>
    public void Say(string message) => Update(d => d with { Message = message });

    /// <summary>Completes when no read and no action is under way (tests wait on it).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_lock)
            {
                pending = [.. _work];
            }

            if (pending.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pending);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> unless another is under way (then says so): <paramref name="busy"/> while it runs,
    /// its outcome (or the problem, in the operation's words) after, then reads <paramref name="after"/> again.
    /// </summary>
    public Task ActAsync(string busy, Func<IConsoleClient, CancellationToken, Task<string>> action, Panels after)
    {
        Task work;
        lock (_lock)
        {
            if (_data.Busy is { } current)
            {
                _data = _data with { Message = $"Still {current} Wait for it to finish." };
                work = Task.CompletedTask;
            }
            else
            {
                _data = _data with { Busy = busy };
                work = TrackLocked(Task.Run(async () =>
                {
                    var message = await OutcomeAsync(action);
                    Update(d => d with { Busy = null, Message = message });
                    Refresh(after);
                }));
            }
        }

        Raise();
        return work;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_events, _ticks);
            await WhenIdleAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task<string> OutcomeAsync(Func<IConsoleClient, CancellationToken, Task<string>> action)
    {
        try
        {
            return await action(client, _stop.Token);
        }
        catch (OperationException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            return $"error: {ex.GetType().Name}: {ex.Message}";
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Panels panels;
            lock (_lock)
            {
                panels = _dirty;
                _dirty = Panels.None;
                if (panels == Panels.None)
                {
                    _reading = false;
                    return;
                }
            }

            await ReadAsync(panels, cancellationToken);
        }

        lock (_lock)
        {
            _reading = false;
        }
    }

    private async Task ReadAsync(Panels panels, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var failed = Panels.None;
        async Task<T?> Read<T>(Panels panel, Func<CancellationToken, Task<T>> read)
            where T : class
        {
            if (!panels.HasFlag(panel))
            {
                return null;
            }

            try
            {
                return await read(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationException or HttpRequestException or System.Data.Common.DbException or IOException)
            {
                lock (problems)
                {
                    problems.Add(ex.Message);
                    failed |= panel;
                }

                return null;
            }
        }

        var readAt = time.GetUtcNow();
        var status = Read(Panels.Status, client.StatusAsync);
        var monitors = Read(Panels.Monitors, client.MonitorsAsync);
        var positions = Read(Panels.Positions, client.PositionsAsync);
        var alerts = Read(Panels.Alerts, client.AlertsAsync);
        var snoozes = Read(Panels.Snoozes, client.SnoozesAsync);
        var ledger = Read(Panels.Ledger, ct => client.LedgerAsync(LedgerRows, ct));
        var channels = Read(Panels.Channels, client.ChannelsAsync);
        await Task.WhenAll(status, monitors, positions, alerts, snoozes, ledger, channels);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        Panels stillFailing;
        lock (_lock)
        {
            _failed = (_failed & ~panels) | failed;
            stillFailing = _failed;
        }

        if (failed != Panels.None)
        {
            _ = RetryAsync(failed, cancellationToken); // not waited for: a read that failed is tried again in a moment
        }

        Update(d => d with
        {
            Status = status.Result ?? d.Status,
            StatusReadAt = status.Result is null ? d.StatusReadAt : readAt,
            Monitors = monitors.Result ?? d.Monitors,
            Positions = positions.Result ?? d.Positions,
            Alerts = alerts.Result ?? d.Alerts,
            Snoozes = snoozes.Result ?? d.Snoozes,
            Ledger = ledger.Result ?? d.Ledger,
            Channels = channels.Result ?? d.Channels,
            Message = problems.Count > 0 ? $"Could not read: {problems[0]} (trying again every {RetryReadAfter.TotalSeconds:0} s)"
                : stillFailing == Panels.None && d.ReadProblem is not null ? "Read again: up to date." : d.Message,
            ReadProblem = problems.Count > 0 ? problems[0] : stillFailing == Panels.None ? null : d.ReadProblem,
        });
    }

    private async Task RetryAsync(Panels panels, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryReadAfter, time, cancellationToken);
            Refresh(panels);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task FollowEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in client.EventsAsync(cancellationToken))
            {
                if (update.Event is { } e)
                {
                    Refresh(ConsoleData.Affected(e));
                    continue;
                }

                var back = update.State == StreamState.Live && Data.Stream == StreamState.Lost;
                Update(d => d with
                {
                    Stream = update.State,
                    StreamProblem = update.State == StreamState.Lost ? update.Detail ?? "the connection ended" : null,
                    StreamLostAt = update.State == StreamState.Lost ? d.StreamLostAt ?? time.GetUtcNow() : null,
                    Message = back ? "Live updates are back; caught up." : d.Message,
                });
                if (back)
                {
                    Refresh(Panels.All);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            Update(d => d with { Stream = StreamState.Lost, StreamProblem = ex.Message, StreamLostAt = d.StreamLostAt ?? time.GetUtcNow(), Message = $"Live updates stopped: {ex.Message}" });
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StatusEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Refresh(Panels.Status);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Update(Func<ConsoleData, ConsoleData> change)
    {
        lock (_lock)
        {
            _data = change(_data);
        }

        Raise();
    }

    private void Raise() => Changed?.Invoke();

    private Task TrackLocked(Task task)
    {
        _work.Add(task);
        _ = task.ContinueWith(
            t =>
            {
                lock (_lock)
                {
                    _work.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}
