using System.Diagnostics;
using MonitorCore.Data.Files;

namespace MonitorCore.Data.Tests.Files;

public sealed class TimerConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string PathOfFile => _folder.File("config/timer_config.json");

    private TimerConfig NewConfig() => new(PathOfFile, new FakeTimeProvider());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_file_is_version_zero_without_overrides()
    {
        var state = await NewConfig().ReadAsync(default);
        Assert.Equal(0, state.Version);
        Assert.Empty(state.Intervals);
    }

    [Fact]
    public async Task Set_and_unset_bump_the_version_and_write_atomically()
    {
        var timers = NewConfig();
        await timers.SetAsync("latency_monitor", TimeSpan.FromMinutes(2), default);
        var state = await timers.SetAsync("twilio_monitor", TimeSpan.FromHours(1), default);
        Assert.Equal(2, state.Version);

        var reread = await NewConfig().ReadAsync(default);
        Assert.Equal(TimeSpan.FromMinutes(2), reread.Intervals["latency_monitor"]);
        Assert.Equal(2, reread.Version);

        await timers.SetAsync("latency_monitor", null, default);
        Assert.Equal(["twilio_monitor"], (await timers.GetOverridesAsync(default)).Keys);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(PathOfFile)!, "*.tmp-*"));
    }

    [Fact]
    public async Task Out_of_range_intervals_are_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewConfig().SetAsync("x", TimeSpan.FromMilliseconds(10), default));

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1]")]
    [InlineData("""{"version": 1, "intervals": {"latency_monitor": -5}}""")]
    [InlineData("""{"version": 1, "intervals": {"latency_monitor": "soon"}}""")]
    [InlineData("""{"version": 1, "intervals": [1]}""")]
    public async Task A_malformed_file_is_reported_and_the_last_good_values_stay(string broken)
    {
        var timers = NewConfig();
        await timers.SetAsync("latency_monitor", TimeSpan.FromMinutes(3), default);
        await File.WriteAllTextAsync(PathOfFile, broken);

        var overrides = await timers.GetOverridesAsync(default);
        Assert.Equal(TimeSpan.FromMinutes(3), overrides["latency_monitor"]);
        Assert.Contains("timer_config.json", timers.LastProblem, StringComparison.Ordinal);

        await Assert.ThrowsAsync<TimerConfigFormatException>(() => timers.SetAsync("x", TimeSpan.FromMinutes(1), default));
        Assert.Equal(broken, await File.ReadAllTextAsync(PathOfFile));
    }

    [Fact]
    public async Task Concurrent_writers_in_one_process_lose_no_update()
    {
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var timers = new TimerConfig(PathOfFile, TimeProvider.System);
            for (var i = 0; i < 25; i++)
            {
                await timers.SetAsync($"w{w}_{i}", TimeSpan.FromSeconds(i + 1), default);
            }
        }));
        await Task.WhenAll(writers);

        var state = await NewConfig().ReadAsync(default);
        Assert.Equal(100, state.Intervals.Count);
        Assert.Equal(100, state.Version);
    }
}

/// <summary>Two real processes (MonitorCore.TimerConfigWriter) updating one timer file at once.</summary>
[Trait("Category", "Integration")]
public sealed class TimerConfigProcessTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string PathOfFile => _folder.File("config/timer_config.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_processes_updating_at_once_never_lose_an_update()
    {
        const int perProcess = 150;
        var writer = Path.Combine(AppContext.BaseDirectory, "MonitorCore.TimerConfigWriter.dll");
        var processes = new[] { "a_", "b_" }.Select(prefix =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { writer, PathOfFile, prefix, perProcess.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return Process.Start(start)!;
        }).ToList();

        foreach (var process in processes)
        {
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await error);
            process.Dispose();
        }

        var state = await new TimerConfig(PathOfFile, new FakeTimeProvider()).ReadAsync(default);
        Assert.Equal(2 * perProcess, state.Intervals.Count);
        Assert.Equal(2 * perProcess, state.Version);
        Assert.Equal(TimeSpan.FromSeconds(perProcess), state.Intervals[$"b_{perProcess - 1}"]);
    }
}
