using MonitorCore.Alerts;
using MonitorCore.Events;
using MonitorCore.Health;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>
/// What the console reads and does, and nothing more: a face over the operations layer. Two implementations:
/// the local database (<see cref="LocalConsoleClient"/>, the operations of a Monitor Core built as every command
/// builds it) and a running instance (<see cref="RemoteConsoleClient"/>, the HTTP API and its event stream).
/// Expected failures throw <see cref="OperationException"/> with what was wrong.
/// </summary>
internal interface IConsoleClient : IAsyncDisposable
{
    /// <summary>Where the data comes from, as the header says it: the database, or the instance's address.</summary>
    string Source { get; }

    /// <summary>Whether <c>:</c> can run CLI commands (the local database only: they run in this process).</summary>
    bool RunsCommands { get; }

    Task<StatusSnapshot> StatusAsync(CancellationToken cancellationToken);

    Task<MonitorList> MonitorsAsync(CancellationToken cancellationToken);

    Task<PositionList> PositionsAsync(CancellationToken cancellationToken);

    Task<AlertList> AlertsAsync(CancellationToken cancellationToken);

    Task<SnoozeList> SnoozesAsync(CancellationToken cancellationToken);

    Task<LedgerPage> LedgerAsync(int limit, CancellationToken cancellationToken);

    Task<ChannelList> ChannelsAsync(CancellationToken cancellationToken);

    Task<RunResult> RunAsync(string monitor, CancellationToken cancellationToken);

    Task<RunResult> RunAllAsync(CancellationToken cancellationToken);

    Task<AlertAcknowledged> AcknowledgeAsync(long alertId, CancellationToken cancellationToken);

    Task<Snooze> SnoozeAsync(SnoozeRequest request, CancellationToken cancellationToken);

    Task<UnsnoozeResult> UnsnoozeAsync(string target, CancellationToken cancellationToken);

    Task<ChannelTestResult> TestChannelAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// The live events from now on, and the state of the stream: <see cref="StreamState.Live"/> when (re)connected,
    /// <see cref="StreamState.Lost"/> with the reason when it drops (it reconnects by itself and resumes after the
    /// last event it saw), until <paramref name="cancellationToken"/>.
    /// </summary>
    IAsyncEnumerable<StreamUpdate> EventsAsync(CancellationToken cancellationToken);
}

/// <summary>How the live event stream stands.</summary>
internal enum StreamState
{
    Connecting,
    Live,
    Lost,
}

/// <summary>One thing the stream says: an event, or a change of its state (with why, when lost).</summary>
internal sealed record StreamUpdate(MonitorEvent? Event, StreamState State, string? Detail = null)
{
    public static StreamUpdate Of(MonitorEvent e) => new(e, StreamState.Live);
}
