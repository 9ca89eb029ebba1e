using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>What the console may do: change things or only look; run CLI commands at ':' (local database only).</summary>
internal sealed record ConsoleOptions(bool ReadOnly, ConsoleCommandLine? Commands);

/// <summary>
/// The console's one screen: a header (where the data comes from, the worst health, the alerts firing, the stream),
/// the monitors (health, last status, age or "never run", interval, next run), the risk list, the firing alerts, the
/// latest ledger rows, the snoozes, and a status line saying what just happened. Every action is one key away
/// (<see cref="KeyMap"/>); <c>?</c> lists them. Drawn from <see cref="ConsoleController.Data"/> by <see cref="Render"/>,
/// which the host calls when the data changes and every second (ages and countdowns).
/// </summary>
internal sealed partial class ConsoleWindow : Runnable
{
    private readonly ConsoleController _controller;
    private readonly ConsoleOptions _options;
    private readonly Label _header = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1, HotKeySpecifier = Plain.NoHotKey };
    private readonly Label _status = new() { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, HotKeySpecifier = Plain.NoHotKey };
    private readonly PromptBar _prompt = new() { X = 0, Y = Pos.AnchorEnd(1) };
    private readonly Overlay _overlay = new();
    private readonly Lock _outputLock = new();
    private CommandOutput? _pendingOutput;
    private IApplication? _listening;
    private string _filter = "";

    public ConsoleWindow(ConsoleController controller, ConsoleOptions options)
    {
        _controller = controller;
        _options = options;
        HotKeySpecifier = Plain.NoHotKey;
        Monitors = new Pane<MonitorRow>("Monitors", new()
        {
            ["MONITOR"] = r => r.Name,
            ["HEALTH"] = r => r.Health,
            ["LAST STATUS"] = r => r.LastStatus,
            ["AGE"] = r => r.Age,
            ["INTERVAL"] = r => r.Interval,
            ["NEXT RUN"] = r => r.NextRun,
        })
        { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Percent(42) };
        Positions = new Pane<PositionRow>("Risk, nearest liquidation first", new()
        {
            ["POSITION"] = r => r.Position,
            ["LIQ DIST"] = r => r.Distance,
            ["LEV"] = r => r.Leverage,
            ["PNL"] = r => r.Pnl,
            ["HEAT"] = r => r.Heat,
            ["PRICE"] = r => r.Price,
        })
        { X = 0, Y = Pos.Bottom(Monitors), Width = Dim.Percent(50), Height = Dim.Percent(27) };
        Alerts = new Pane<AlertRow>("Alerts firing", new()
        {
            ["ID"] = r => r.Id,
            ["LEVEL"] = r => r.Level,
            ["RULE"] = r => r.Rule,
            ["VALUE"] = r => r.Value,
            ["LINE"] = r => r.Line,
            ["ACK"] = r => r.Acknowledged,
            [""] = r => r.Snoozed,
            ["SUBJECT"] = r => r.Subject,
        })
        { X = Pos.Right(Positions), Y = Pos.Top(Positions), Width = Dim.Fill(), Height = Dim.Height(Positions) };
        Ledger = new Pane<LedgerRow>("Ledger, newest first", new()
        {
            ["#"] = r => r.Id,
            ["TIME"] = r => r.Time,
            ["MONITOR"] = r => r.Monitor,
            ["STATUS"] = r => r.Status,
            ["DURATION"] = r => r.Duration,
        })
        { X = 0, Y = Pos.Bottom(Positions), Width = Dim.Percent(60), Height = Dim.Fill(1) };
        Snoozes = new Pane<SnoozeRow>("Snoozes", new()
        {
            ["WHAT"] = r => r.What,
            ["LEFT"] = r => r.Left,
            ["REASON"] = r => r.Reason,
        })
        { X = Pos.Right(Ledger), Y = Pos.Top(Ledger), Width = Dim.Fill(), Height = Dim.Fill(1) };
        Add(_header, Monitors, Positions, Alerts, Ledger, Snoozes, _status, _prompt, _overlay);
        Monitors.Table.SetFocus();
    }

    internal Pane<MonitorRow> Monitors { get; }

    internal Pane<PositionRow> Positions { get; }

    internal Pane<AlertRow> Alerts { get; }

    internal Pane<LedgerRow> Ledger { get; }

    internal Pane<SnoozeRow> Snoozes { get; }

    internal Overlay Panel => _overlay;

    internal PromptBar Prompt => _prompt;

    internal string Header => _header.Text;

    internal string StatusLine => _status.Text;

    /// <summary>The keys in force now (with <c>--read-only</c>, none that changes something).</summary>
    internal IReadOnlyList<KeyAction> KeysInForce => KeyMap.InForce(Keys(), _options.ReadOnly);

    /// <summary>Draws what the controller knows now. On the UI thread.</summary>
    public void Render()
    {
        var data = _controller.Data;
        var now = _controller.Time.GetUtcNow();
        _header.Text = HeaderOf(data);
        Monitors.Show(Rows.Monitors(data, now), _filter);
        Positions.Show(Rows.Positions(data), _filter);
        Alerts.Show(Rows.Alerts(data), _filter);
        Ledger.Show(Rows.Ledger(data), _filter);
        Snoozes.Show(Rows.Snoozes(data, now), _filter);
        var said = Rows.Said(data, now);
        _status.Text = $"{said}{new string(' ', Math.Max(1, Frame.Width - said.Length - 17))}? keys · q quit";

        CommandOutput? output;
        lock (_outputLock)
        {
            output = _pendingOutput;
            _pendingOutput = null;
        }

        if (output is not null)
        {
            _overlay.Show($"monitorcore {output.CommandLine} (exit {output.ExitCode}) · Esc closes", output.Text.Length == 0 ? "(no output)" : output.Text);
        }
    }

    /// <summary>
    /// Takes the console's keys from <paramref name="app"/> before any view sees them: Terminal.Gui hands a key to the
    /// focused view first, and a table takes printable keys for itself (an empty one swallows every letter), so the
    /// one-key actions would not work from a table. Keys the console does not use go on to the views (arrows, Tab, a
    /// prompt's typing).
    /// </summary>
    public void ListenTo(IApplication app)
    {
        _listening = app;
        app.Keyboard.KeyDown += OnApplicationKeyDown;
    }

    /// <summary>Does what <paramref name="key"/> does in the console; false when the key is not the console's (the views get it).</summary>
    internal bool HandleKey(Key key)
    {
        if (_overlay.Visible)
        {
            if (key == Key.Esc || key == Key.Enter || KeyAction.Char('q')(key) || KeyAction.Char('?')(key))
            {
                CloseOverlay();
                return true;
            }

            return false;
        }

        if (_prompt.Active)
        {
            return false;
        }

        foreach (var action in KeysInForce)
        {
            if (action.Matches(key) && action.Run is { } run)
            {
                run();
                return true;
            }
        }

        if (key == Key.Esc)
        {
            SetFilter(""); // Esc never quits the console: q or Ctrl+C do
            return true;
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _listening is not null)
        {
            _listening.Keyboard.KeyDown -= OnApplicationKeyDown;
            _listening = null;
        }

        base.Dispose(disposing);
    }

    private void OnApplicationKeyDown(object? sender, Key key)
    {
        if (!key.Handled && HandleKey(key))
        {
            key.Handled = true;
        }
    }

    private string HeaderOf(ConsoleData data)
    {
        var parts = new List<string> { "Monitor Core", _controller.Client.Source };
        if (data.Status is { } status)
        {
            parts.Add(status.Mode == "demo" ? "demo market" : "live market");
            parts.Add($"overall {status.Overall}");
            var firing = string.Join(" ", status.FiringAlerts.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key}"));
            parts.Add(firing.Length == 0 ? "no alert firing" : $"alerts {firing}");
        }

        parts.Add(data.Stream switch { StreamState.Live => "live", StreamState.Lost => "LIVE UPDATES LOST", _ => "connecting" });
        if (_options.ReadOnly)
        {
            parts.Add("read-only");
        }

        if (_filter.Length > 0)
        {
            parts.Add($"filter /{_filter}");
        }

        return string.Join(" · ", parts);
    }

    private void SetFilter(string filter)
    {
        _filter = filter;
        Render();
    }

    private void CloseOverlay()
    {
        _overlay.Close();
        Monitors.Table.SetFocus();
    }
}
