using MonitorCore.Events;
using MonitorCore.Health;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>The parts of the screen that are read from Monitor Core, each on its own.</summary>
[Flags]
internal enum Panels
{
    None = 0,
    Status = 1,
    Monitors = 2,
    Positions = 4,
    Alerts = 8,
    Snoozes = 16,
    Ledger = 32,
    Channels = 64,
    All = Status | Monitors | Positions | Alerts | Snoozes | Ledger | Channels,
}

/// <summary>
/// Everything the console shows, as last read (null: not read yet), with the stream's state and the last thing
/// that happened. Immutable: the controller swaps in a new one, the views draw whichever is current.
/// </summary>
internal sealed record ConsoleData
{
    public StatusSnapshot? Status { get; init; }
    public MonitorList? Monitors { get; init; }
    public PositionList? Positions { get; init; }
    public AlertList? Alerts { get; init; }
    public SnoozeList? Snoozes { get; init; }
    public LedgerPage? Ledger { get; init; }
    public ChannelList? Channels { get; init; }

    /// <summary>When <see cref="Status"/> was read: ages and countdowns move on from there.</summary>
    public DateTimeOffset? StatusReadAt { get; init; }

    public StreamState Stream { get; init; } = StreamState.Connecting;

    /// <summary>Why the event stream was lost (null while it is live).</summary>
    public string? StreamProblem { get; init; }

    /// <summary>Since when the event stream is lost (null while it is live).</summary>
    public DateTimeOffset? StreamLostAt { get; init; }

    /// <summary>What the last read could not read (null: it read everything).</summary>
    public string? ReadProblem { get; init; }

    /// <summary>What the console last said: an action's outcome, a problem, a lost connection.</summary>
    public string Message { get; init; } = "";

    /// <summary>What is being done now (a run in progress), or null.</summary>
    public string? Busy { get; init; }

    /// <summary>Which panels an event changes (as the dashboard re-reads them).</summary>
    public static Panels Affected(MonitorEvent e) => e.Type switch
    {
        EventTypes.RunRecorded => Panels.Status | Panels.Ledger | Panels.Positions,
        EventTypes.CycleCompleted => Panels.All & ~Panels.Monitors & ~Panels.Channels,
        EventTypes.AlertRaised or EventTypes.AlertEscalated or EventTypes.AlertResolved or EventTypes.AlertAcknowledged => Panels.Alerts | Panels.Status,
        EventTypes.SnoozeChanged => Panels.Snoozes | Panels.Alerts | Panels.Status,
        EventTypes.SettingsChanged => Panels.Monitors | Panels.Status | Panels.Positions,
        _ => Panels.None,
    };
}
