using System.Globalization;
using MonitorCore.Data.Files;

// usage: TimerConfigWriter <file> <monitor-prefix> <count>
// Sets <prefix>0 … <prefix><count-1> one update at a time, as fast as it can.
var timers = new TimerConfig(args[0], TimeProvider.System);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
for (var i = 0; i < count; i++)
{
    await timers.SetAsync($"{args[1]}{i}", TimeSpan.FromSeconds(i + 1), CancellationToken.None);
}

Console.WriteLine($"done {count}");
