using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Cli.ConsoleUi.Views;
using MonitorCore.Health;
using MonitorCore.Monitoring;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>What the console writes, from what it read and the time now (no screen needed).</summary>
public sealed class ConsoleTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lost_event_stream_takes_the_status_line_saying_why_since_when_and_that_it_reconnects()
    {
        var data = new ConsoleData
        {
            Stream = StreamState.Lost,
            StreamProblem = "http://127.0.0.1:5000 cannot be reached: Connection refused",
            StreamLostAt = Now.AddSeconds(-7),
            Message = "Could not read: http://127.0.0.1:5000 cannot be reached",
        };

        var said = Rows.Said(data, Now);

        Assert.Equal(
            "Live updates lost 7 s ago (http://127.0.0.1:5000 cannot be reached: Connection refused); reconnecting every 2 s, the tables show what was read last.",
            said);
        Assert.Equal("Live updates are back; caught up.", Rows.Said(data with { Stream = StreamState.Live, Message = "Live updates are back; caught up." }, Now));
        Assert.Equal("Running price_monitor…", Rows.Said(data with { Busy = "running price_monitor…" }, Now));
    }

    [Fact]
    public void A_monitor_that_never_ran_reads_never_run_and_its_next_run_moves_on_with_the_clock()
    {
        var status = new StatusSnapshot(
            Now,
            [
                new MonitorStatusEntry("latency_monitor", MonitorHealth.Offline, null, null, null, 300, null),
                new MonitorStatusEntry("price_monitor", MonitorHealth.Healthy, MonitorStatus.Success, Now.AddSeconds(-20), 20, 60, null),
            ],
            SonicNext: 40,
            SonicLastComplete: Now.AddSeconds(-20));
        var monitors = new Hosting.Operations.MonitorList([
            new Hosting.Operations.MonitorInfo("latency_monitor", "timer", 300, 30, InCycle: false, Enabled: true, null, "latency", "built-in"),
            new Hosting.Operations.MonitorInfo("price_monitor", "cycle", 60, 30, InCycle: true, Enabled: true, null, "prices", "built-in"),
        ], []);
        var data = new ConsoleData { Status = status, Monitors = monitors, StatusReadAt = Now };

        var rows = Rows.Monitors(data, Now.AddSeconds(10));

        Assert.Equal(new MonitorRow("latency_monitor", "Offline", "-", "never run", "5 min", "due"), rows[0]);
        Assert.Equal(new MonitorRow("price_monitor", "Healthy", "Success", "30 s", "60 s", "in 30 s"), rows[1]);
        Assert.Equal("no cycle yet", Rows.Monitors(data with { Status = status with { SonicNext = null } }, Now)[1].NextRun);
    }

    [Fact]
    public void The_quiet_terminal_driver_is_in_use_with_this_version_of_terminal_gui()
    {
        // QuietTerminal builds Terminal.Gui's application with its own input through an internal constructor; an upgrade
        // that removes it falls back to the stock driver (which costs more than the idle budget), and fails here.
        using var app = QuietTerminal.Create(out var quiet);

        Assert.True(quiet);
    }
}
