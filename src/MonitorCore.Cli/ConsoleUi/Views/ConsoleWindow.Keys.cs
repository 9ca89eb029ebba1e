using Terminal.Gui.Input;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>The console's keys and what each one does.</summary>
internal sealed partial class ConsoleWindow
{
    /// <summary>Every key of the console: the help lists these, in this order.</summary>
    private List<KeyAction> Keys() =>
    [
        new("?", "these keys", KeyAction.Char('?'), ShowHelp),
        new("r", "run the selected monitor", KeyAction.Char('r'), RunSelected, Changes: true),
        new("R", "run all monitors", KeyAction.Char('R'), () => _controller.RunAllAsync(), Changes: true),
        new("t", SelfTestHelp(), KeyAction.Char('t'), SelfTest, Changes: true),
        new("a", "acknowledge the selected alert (its reminders stop)", KeyAction.Char('a'), AcknowledgeSelected, Changes: true),
        new("s", "snooze the selected alert (30m, 2h, 1d or 'resolved')", KeyAction.Char('s'), SnoozeSelected, Changes: true),
        new("u", "end the selected snooze", KeyAction.Char('u'), UnsnoozeSelected, Changes: true),
        new("c", "send a test through a channel", KeyAction.Char('c'), TestChannel, Changes: true),
        new("/", "filter every table (Esc clears)", KeyAction.Char('/'), AskFilter),
        new(":", _options.Commands is null ? "command line (local database only)" : "command line: any monitorcore command, e.g. 'ledger --limit 5'",
            KeyAction.Char(':'), AskCommand, Changes: true),
        new("Ctrl+R", "read everything again now", KeyAction.Is(Key.R.WithCtrl), () => _controller.Refresh(Panels.All)),
        new("q", "quit", KeyAction.Char('q'), () => App?.RequestStop()),
    ];

    private void ShowHelp() =>
        _overlay.Show("Keys · Esc closes", KeyMap.Help(KeysInForce, _options.ReadOnly, _options.Commands is not null));

    private string SelfTestHelp() => _controller.SelfTestAvailable switch
    {
        true => $"self-test: run {ConsoleController.SelfTestMonitor}",
        false => $"self-test: not available ({ConsoleController.SelfTestMonitor} is not registered)",
        null => $"self-test: run {ConsoleController.SelfTestMonitor} when it is registered (the monitors are not read yet)",
    };

    private void SelfTest()
    {
        if (_controller.SelfTestAvailable == true)
        {
            _ = _controller.RunAsync(ConsoleController.SelfTestMonitor);
        }
        else
        {
            _controller.Say($"The self-test is not available: {ConsoleController.SelfTestMonitor} is not registered in this Monitor Core.");
        }
    }

    private void RunSelected()
    {
        if (Monitors.Selected is { } monitor)
        {
            _ = _controller.RunAsync(monitor.Name);
        }
        else
        {
            _controller.Say("No monitor is shown to run.");
        }
    }

    private void AcknowledgeSelected()
    {
        if (Alerts.Selected is not { } alert)
        {
            _controller.Say("No alert is firing (or none matches the filter).");
        }
        else if (alert.Acknowledged == "yes")
        {
            _controller.Say($"Alert {alert.Id} is already acknowledged.");
        }
        else
        {
            _ = _controller.AcknowledgeAsync(alert.Id);
        }
    }

    private void SnoozeSelected()
    {
        if (Alerts.Selected is not { } alert)
        {
            _controller.Say("No alert is firing (or none matches the filter).");
            return;
        }

        Ask($"snooze alert {alert.Id} ({alert.Rule} {alert.Subject}) for (30m, 2h, 1d or resolved): ", "30m",
            answer => _controller.SnoozeAsync(alert.Id, answer));
    }

    private void UnsnoozeSelected()
    {
        if (Snoozes.Selected is { } snooze)
        {
            _ = _controller.UnsnoozeAsync(snooze.Id, snooze.What);
        }
        else
        {
            _controller.Say("No snooze is in force.");
        }
    }

    private void TestChannel()
    {
        var channels = _controller.Data.Channels?.Channels ?? [];
        var names = string.Join(", ", channels.Select(c => c.Configured ? c.Name : c.Name + " (not configured)"));
        Ask($"test channel ({names}): ", channels.FirstOrDefault(c => c.Configured)?.Name ?? "", answer => _controller.TestChannelAsync(answer.Trim()));
    }

    private void AskFilter() => Ask("/", _filter, SetFilter, changed: SetFilter, cancelled: () => SetFilter(""));

    private void AskCommand()
    {
        if (_options.Commands is not { } commands)
        {
            _controller.Say($"':' runs CLI commands in this process, on the local database: this console is attached to {_controller.Client.Source} (local only).");
            return;
        }

        Ask(":", "", line =>
        {
            if (line.Trim().Length == 0)
            {
                return;
            }

            _ = _controller.ActAsync($"running 'monitorcore {line.Trim()}'…", async (_, ct) =>
            {
                var output = await commands.RunAsync(line, ct);
                lock (_outputLock)
                {
                    _pendingOutput = output;
                }

                return $"'monitorcore {output.CommandLine}' exited {output.ExitCode}.";
            }, Panels.All);
        });
    }

    private void Ask(string prompt, string initial, Action<string> submit, Action<string>? changed = null, Action? cancelled = null)
    {
        _status.Visible = false;
        _prompt.Ask(prompt, initial,
            answer =>
            {
                _status.Visible = true;
                Monitors.Table.SetFocus();
                submit(answer);
            },
            changed,
            () =>
            {
                _status.Visible = true;
                Monitors.Table.SetFocus();
                cancelled?.Invoke();
            });
    }
}
