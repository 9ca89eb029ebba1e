using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Health;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Events;
using MonitorCore.Hosting.Operations;
using MonitorCore.Ledger;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>
/// The console on the local database: the operations of a Monitor Core built as every command builds it. Its live
/// events come from the real event stream of this process: the event tail is started here (a one-shot command never
/// starts it), woken at once by this process's own changes and reading every <c>Events:PollInterval</c> (250 ms) what
/// another process (the service, a CLI command) committed to the same database.
/// </summary>
internal sealed class LocalConsoleClient(MonitorCoreApp app) : IConsoleClient
{
    private readonly SemaphoreSlim _tailGate = new(1, 1);
    private EventTail? _tail;

    private MonitorCoreOperations Operations => app.Operations;

    public string Source => Operations.Storage.Display;

    public bool RunsCommands => true;


    public Task<StatusSnapshot> StatusAsync(CancellationToken cancellationToken) => Operations.Status.GetAsync(cancellationToken);

    public Task<MonitorList> MonitorsAsync(CancellationToken cancellationToken) => Operations.Monitors.ListAsync(cancellationToken);

    public Task<PositionList> PositionsAsync(CancellationToken cancellationToken) =>
        Operations.Positions.ListAsync(Positions.PositionStatus.Active, cancellationToken);

    public Task<AlertList> AlertsAsync(CancellationToken cancellationToken) => Operations.Alerts.ListAsync(all: false, limit: 100, cancellationToken);

    public Task<SnoozeList> SnoozesAsync(CancellationToken cancellationToken) => Operations.Alerts.SnoozesAsync(cancellationToken);

    public Task<LedgerPage> LedgerAsync(int limit, CancellationToken cancellationToken) =>
        Operations.Ledger.QueryAsync(new LedgerQuery(Limit: limit), cancellationToken);

    public Task<ChannelList> ChannelsAsync(CancellationToken cancellationToken) => Task.FromResult(Operations.Notifications.Channels());

    /// <summary>As <c>monitorcore run</c>: the notifications the run queued are delivered before it returns (no dispatcher runs here).</summary>
    public Task<RunResult> RunAsync(string monitor, CancellationToken cancellationToken) =>
        Operations.Monitors.RunAsync(monitor, deliver: true, cancellationToken);

    public Task<RunResult> RunAllAsync(CancellationToken cancellationToken) => Operations.Monitors.RunAllAsync(deliver: true, cancellationToken);

    public Task<AlertAcknowledged> AcknowledgeAsync(long alertId, CancellationToken cancellationToken) =>
        Operations.Alerts.AcknowledgeAsync(alertId, cancellationToken);

    public Task<Snooze> SnoozeAsync(SnoozeRequest request, CancellationToken cancellationToken) => Operations.Alerts.SnoozeAsync(request, cancellationToken);

    public Task<UnsnoozeResult> UnsnoozeAsync(string target, CancellationToken cancellationToken) => Operations.Alerts.UnsnoozeAsync(target, cancellationToken);

    public Task<ChannelTestResult> TestChannelAsync(string channel, CancellationToken cancellationToken) =>
        Operations.Notifications.TestChannelAsync(channel, AlertLevel.Low, "monitorcore console", cancellationToken);

    public async IAsyncEnumerable<StreamUpdate> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await StartTailAsync(cancellationToken);
        yield return new StreamUpdate(null, StreamState.Live);
        await foreach (var e in app.Services.GetRequiredService<EventStream>().SubscribeAsync(null, cancellationToken))
        {
            yield return StreamUpdate.Of(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_tail is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _tail.StopAsync(stop.Token); // the container disposes it
        }

        _tailGate.Dispose();
    }

    private async Task StartTailAsync(CancellationToken cancellationToken)
    {
        await _tailGate.WaitAsync(cancellationToken);
        try
        {
            if (_tail is null)
            {
                _tail = app.Services.GetRequiredService<EventTail>();
                await _tail.StartAsync(cancellationToken);
            }
        }
        finally
        {
            _tailGate.Release();
        }
    }
}
