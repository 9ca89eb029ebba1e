using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Hosting;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using Terminal.Gui.Input;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// The console's views on Terminal.Gui's test driver, over a real local demo database: what the tables show and what
/// the keys do, read back from the drawn screen and from the database.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class ConsoleViewTests
{
    [Fact]
    public async Task The_monitor_table_shows_every_registered_monitor_as_never_run_on_a_new_database()
    {
        await using var console = await LocalConsole.StartAsync();

        var screen = await console.Screen.TextAsync();

        var registered = console.App.Registry.All.Select(r => r.Name).ToList();
        Assert.NotEmpty(registered);
        foreach (var name in registered)
        {
            var row = await console.Screen.RowAsync(name + " ");
            Assert.NotNull(row);
            Assert.Contains("Offline", row, StringComparison.Ordinal);
            Assert.Contains("never run", row, StringComparison.Ordinal);
        }

        Assert.Contains("MONITOR", screen, StringComparison.Ordinal);
        Assert.Contains("NEXT RUN", screen, StringComparison.Ordinal);
        Assert.Contains("demo market", screen, StringComparison.Ordinal);
        Assert.Contains("Ledger, newest first (0)", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_runs_the_selected_monitor_and_its_new_ledger_row_shows_with_its_name_as_written()
    {
        await using var console = await LocalConsole.StartAsync();
        var first = console.App.Registry.All[0].Name;

        await console.Screen.PressAsync(new Key('r'));

        var rows = await console.App.Operations.Ledger.QueryAsync(new LedgerQuery(Limit: 10), default);
        var row = Assert.Single(rows.Entries);
        Assert.Equal(first, row.MonitorName);
        var screen = await console.Screen.TextAsync();
        Assert.Contains("Ledger, newest first (1)", screen, StringComparison.Ordinal);
        var ledgerRow = await console.Screen.RowAsync($"{row.Id} 12:00:00Z {first}");
        Assert.NotNull(ledgerRow);
        Assert.Contains(row.Status.ToString(), ledgerRow, StringComparison.Ordinal);
        Assert.DoesNotContain("never run", (await console.Screen.RowAsync(first + " "))!, StringComparison.Ordinal);

        // The status line says what happened in the product's words: 'price_monitor', not 'pricemonitor' (Terminal.Gui
        // reads '_' as a hot-key mark in a label unless told otherwise).
        Assert.Contains($"{first}: {row.Status} ", (await console.Screen.RowAsync("ledger row #"))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_acknowledges_the_selected_firing_alert_in_the_database()
    {
        await using var console = await LocalConsole.StartAsync();
        await console.Screen.PressAsync(new Key('R')); // run all: the demo wallet's positions fire alerts
        var firing = await console.App.Operations.Alerts.ListAsync(all: false, limit: 100, default);
        Assert.NotEmpty(firing.Alerts);
        Assert.All(firing.Alerts, a => Assert.Null(a.AcknowledgedAt));
        var selected = console.Screen.Window.Alerts.Selected!;

        await console.Screen.PressAsync(new Key('a'));

        var after = await console.App.Operations.Alerts.ListAsync(all: false, limit: 100, default);
        Assert.NotNull(after.Alerts.Single(a => a.Id == selected.Id).AcknowledgedAt);
        Assert.All(after.Alerts.Where(a => a.Id != selected.Id), a => Assert.Null(a.AcknowledgedAt));
        Assert.Contains($"Alert {selected.Id} acknowledged", await console.Screen.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("yes", console.Screen.Window.Alerts.Shown.Single(a => a.Id == selected.Id).Acknowledged);
    }

    [Fact]
    public async Task Question_mark_lists_every_key_and_esc_closes_the_list()
    {
        await using var console = await LocalConsole.StartAsync();

        await console.Screen.PressAsync(new Key('?'));

        var help = await console.Screen.ShowsAsync("Keys · Esc closes");
        foreach (var line in new[]
                 {
                     "run the selected monitor", "run all monitors", "acknowledge the selected alert", "snooze the selected alert",
                     "end the selected snooze", "send a test through a channel", "filter every table", "command line", "self-test",
                 })
        {
            Assert.Contains(line, help, StringComparison.Ordinal);
        }

        await console.Screen.PressAsync(Key.Esc);

        Assert.DoesNotContain("Keys · Esc closes", await console.Screen.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_work_with_the_focus_in_an_empty_table()
    {
        await using var console = await LocalConsole.StartAsync();
        Assert.Empty(console.Screen.Window.Positions.Shown); // a new database: no position yet

        await console.Screen.PressAsync(Key.Tab); // from the monitors to the risk list
        Assert.True(console.Screen.Window.Positions.Table.HasFocus);
        await console.Screen.PressAsync(new Key('?'));

        await console.Screen.ShowsAsync("Keys · Esc closes"); // an empty TableView takes every printable key it is given
    }

    [Fact]
    public async Task Read_only_hides_every_action_that_changes_something_and_its_keys_do_nothing()
    {
        await using var console = await LocalConsole.StartAsync(readOnly: true);

        await console.Screen.PressAsync(new Key('?'));
        var help = await console.Screen.TextAsync();
        await console.Screen.PressAsync(Key.Esc);
        foreach (var key in "rRatsuc:")
        {
            await console.Screen.PressAsync(new Key(key));
            await console.Screen.PressAsync(Key.Esc); // closes a prompt, had one opened
        }

        Assert.Contains("read-only", await console.Screen.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("filter every table", help, StringComparison.Ordinal);
        foreach (var hidden in new[] { "run the selected monitor", "run all", "acknowledge", "snooze", "send a test", "self-test", "command line" })
        {
            Assert.DoesNotContain(hidden, help, StringComparison.Ordinal);
        }

        Assert.All(console.Screen.Window.KeysInForce, k => Assert.False(k.Changes, k.Keys));
        Assert.Empty((await console.App.Operations.Ledger.QueryAsync(new LedgerQuery(Limit: 10), default)).Entries);
    }

    [Fact]
    public async Task Without_operations_monitor_the_self_test_says_it_is_not_available_and_runs_nothing()
    {
        await using var console = await LocalConsole.StartAsync();

        await console.Screen.PressAsync(new Key('?'));
        var help = await console.Screen.TextAsync();
        await console.Screen.PressAsync(Key.Esc);
        await console.Screen.PressAsync(new Key('t'));

        Assert.Contains("self-test: not available (operations_monitor is not registered)", help, StringComparison.Ordinal);
        Assert.Contains("The self-test is not available: operations_monitor is not registered", await console.Screen.TextAsync(), StringComparison.Ordinal);
        Assert.Empty((await console.App.Operations.Ledger.QueryAsync(new LedgerQuery(Limit: 10), default)).Entries);
    }

    [Fact]
    public async Task With_operations_monitor_registered_t_runs_it()
    {
        await using var console = await LocalConsole.StartAsync(services: s => s.AddMonitor<PassingSelfTest>(ConsoleController.SelfTestMonitor));

        await console.Screen.PressAsync(new Key('t'));

        var row = Assert.Single((await console.App.Operations.Ledger.QueryAsync(new LedgerQuery(Limit: 10), default)).Entries);
        Assert.Equal(ConsoleController.SelfTestMonitor, row.MonitorName);
        Assert.Contains("operations_monitor: Success", await console.Screen.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slash_filters_every_table_as_it_is_typed_and_esc_clears_it()
    {
        await using var console = await LocalConsole.StartAsync();
        var all = console.Screen.Window.Monitors.Shown.Count;

        await console.Screen.PressAsync(new Key('/'));
        await console.Screen.TypeAsync("xcom");

        var filtered = await console.Screen.TextAsync();
        Assert.Equal(["xcom_monitor"], console.Screen.Window.Monitors.Shown.Select(m => m.Name));
        Assert.Contains($"Monitors (1 of {all})", filtered, StringComparison.Ordinal);
        Assert.Contains("filter /xcom", filtered, StringComparison.Ordinal);

        await console.Screen.PressAsync(Key.Esc);

        Assert.Equal(all, console.Screen.Window.Monitors.Shown.Count);
        Assert.DoesNotContain("filter /", await console.Screen.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colon_runs_a_cli_command_on_the_same_database_and_shows_its_output()
    {
        await using var console = await LocalConsole.StartAsync();
        await console.Screen.PressAsync(new Key('r'));

        await console.Screen.PressAsync(new Key(':'));
        await console.Screen.TypeAsync("ledger --limit 1");
        await console.Screen.PressAsync(Key.Enter);

        var screen = await console.Screen.TextAsync();
        Assert.Contains("monitorcore ledger --limit 1 (exit 0)", screen, StringComparison.Ordinal);
        Assert.Contains("#1 ", screen, StringComparison.Ordinal);
        Assert.Contains("'monitorcore ledger --limit 1' exited 0.", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S_snoozes_the_selected_alert_for_the_time_typed_and_u_ends_the_snooze()
    {
        await using var console = await LocalConsole.StartAsync();
        await console.Screen.PressAsync(new Key('R'));
        var alert = console.Screen.Window.Alerts.Selected!;

        await console.Screen.PressAsync(new Key('s'));
        Assert.Contains($"snooze alert {alert.Id}", await console.Screen.TextAsync(), StringComparison.Ordinal);
        await console.Screen.PressAsync(Key.Enter); // the 30m typed in

        var snooze = Assert.Single((await console.App.Operations.Alerts.SnoozesAsync(default)).Snoozes);
        Assert.Equal(console.Time.GetUtcNow().AddMinutes(30), snooze.Until);
        Assert.Equal("snoozed", console.Screen.Window.Alerts.Shown.Single(a => a.Id == alert.Id).Snoozed);
        Assert.Contains("Snoozes (1)", await console.Screen.TextAsync(), StringComparison.Ordinal);

        await console.Screen.PressAsync(new Key('u'));

        Assert.Empty((await console.App.Operations.Alerts.SnoozesAsync(default)).Snoozes);
        Assert.Contains("Snoozes (0)", await console.Screen.TextAsync(), StringComparison.Ordinal);
    }
}
