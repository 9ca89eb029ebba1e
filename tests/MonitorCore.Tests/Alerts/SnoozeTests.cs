using MonitorCore.Alerts;

namespace MonitorCore.Tests.Alerts;

public class SnoozeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scopes_cover_what_they_name()
    {
        var global = new Snooze("a", SnoozeScope.Global, null, Now, Now.AddMinutes(5), false, null);
        var monitor = new Snooze("b", SnoozeScope.Monitor, "liquid_monitor", Now, Now.AddMinutes(5), false, null);
        var alert = new Snooze("c", SnoozeScope.Alert, "12", Now, null, true, null);

        Assert.True(global.Covers("profit_monitor", 1));
        Assert.True(monitor.Covers("liquid_monitor", 1));
        Assert.False(monitor.Covers("profit_monitor", 1));
        Assert.True(alert.Covers("x", 12));
        Assert.False(alert.Covers("x", 13));
        Assert.Equal(["global", "monitor liquid_monitor", "alert 12"], new[] { global, monitor, alert }.Select(s => s.Describe()));
    }

    [Fact]
    public void A_timed_snooze_expires_and_says_what_is_left()
    {
        var snooze = new Snooze("a", SnoozeScope.Global, null, Now, Now.AddMinutes(30), false, null);
        Assert.True(snooze.IsActive(Now.AddMinutes(29)));
        Assert.False(snooze.IsActive(Now.AddMinutes(30)));
        Assert.Equal(600, snooze.SecondsLeft(Now.AddMinutes(20)));
        Assert.Equal(0, snooze.SecondsLeft(Now.AddHours(1)));
        var untilResolved = new Snooze("b", SnoozeScope.Alert, "1", Now, null, true, null);
        Assert.True(untilResolved.IsActive(Now.AddDays(5)));
        Assert.Null(untilResolved.SecondsLeft(Now));
    }
}
