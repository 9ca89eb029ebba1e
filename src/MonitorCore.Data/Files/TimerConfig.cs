using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Data.Files;

/// <summary>The timer file could not be read; the message names the file and the problem.</summary>
public sealed class TimerConfigFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One read of the timer file: its version and per-monitor intervals.</summary>
public sealed record TimerConfigState(long Version, IReadOnlyDictionary<string, TimeSpan> Intervals);

/// <summary>
/// Per-monitor interval overrides in <c>config/timer_config.json</c>
/// (<c>{"version": 3, "intervals": {"latency_monitor": 300}}</c>, seconds). Writes are atomic
/// (temp file + rename) and optimistic: a writer re-checks the version under a short file lock
/// before it renames, and one that lost the race re-reads, re-applies its change and retries, so
/// two processes updating at once never lose an update. A copy of the last good file is kept;
/// when the file is malformed, readers get the last good values and writers refuse with the reason.
/// </summary>
public sealed class TimerConfig(string path, TimeProvider time) : IMonitorIntervals
{
    private const int MaxAttempts = 200;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    private string LastGoodPath => Path + ".last-good";

    private string LockPath => Path + ".lock";

    /// <summary>Reads the file; a missing file is version 0 with no overrides.</summary>
    public async Task<TimerConfigState> ReadAsync(CancellationToken cancellationToken) =>
        await ReadFileAsync(Path, cancellationToken) ?? new TimerConfigState(0, new Dictionary<string, TimeSpan>());

    /// <summary>The overrides, or the last good ones when the file is malformed (<see cref="LastProblem"/> says why).</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> GetOverridesAsync(CancellationToken cancellationToken)
    {
        try
        {
            LastProblem = null;
            return (await ReadAsync(cancellationToken)).Intervals;
        }
        catch (TimerConfigFormatException ex)
        {
            LastProblem = ex.Message;
            var lastGood = await ReadFileAsync(LastGoodPath, cancellationToken);
            return lastGood?.Intervals ?? new Dictionary<string, TimeSpan>();
        }
    }

    /// <summary>The file's last write time and length (one stat, no read): changes with every write, by any process.</summary>
    public long ChangeStamp
    {
        get
        {
            var file = new FileInfo(Path);
            return file.Exists ? file.LastWriteTimeUtc.Ticks ^ (file.Length << 48) : 0;
        }
    }

    /// <summary>Why the last read fell back to the last good values, or null.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Sets (or with null, removes) one monitor's interval.</summary>
    public Task<TimerConfigState> SetAsync(string monitorName, TimeSpan? interval, CancellationToken cancellationToken)
    {
        if (interval is { } value && (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(7)))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), value, $"The interval of {monitorName} must be between 1 second and 7 days.");
        }

        return UpdateAsync(
            intervals =>
            {
                if (interval is { } v)
                {
                    intervals[monitorName] = v;
                }
                else
                {
                    intervals.Remove(monitorName);
                }
            },
            cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the current intervals and writes them, retrying when another writer won.</summary>
    public async Task<TimerConfigState> UpdateAsync(Action<Dictionary<string, TimeSpan>> change, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await ReadAsync(cancellationToken);
            var intervals = new Dictionary<string, TimeSpan>(current.Intervals, StringComparer.Ordinal);
            change(intervals);
            var next = new TimerConfigState(current.Version + 1, intervals);

            var temp = $"{Path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            await File.WriteAllTextAsync(temp, Serialize(next), cancellationToken);
            if (await TryCommitAsync(temp, current.Version, cancellationToken))
            {
                await File.WriteAllTextAsync(LastGoodPath, Serialize(next), cancellationToken);
                return next;
            }

            File.Delete(temp);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + attempt)), time, cancellationToken);
        }

        throw new IOException($"{Path} kept changing under this writer; the update was not applied after {MaxAttempts} attempts.");
    }

    private async Task<bool> TryCommitAsync(string temp, long expectedVersion, CancellationToken cancellationToken)
    {
        FileStream? lockStream;
        try
        {
            lockStream = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // another writer holds the lock: retry
        }

        await using (lockStream)
        {
            var onDisk = await ReadAsync(cancellationToken);
            if (onDisk.Version != expectedVersion)
            {
                return false;
            }

            File.Move(temp, Path, overwrite: true);
            return true;
        }
    }

    private static async Task<TimerConfigState?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(text) as JsonObject ?? throw new TimerConfigFormatException($"{path}: the top level must be a JSON object.");
            var version = root["version"]?.GetValue<long>() ?? 0;
            var intervals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            if (root["intervals"] is JsonObject map)
            {
                foreach (var (name, value) in map)
                {
                    var seconds = value?.GetValue<double>() ?? double.NaN;
                    if (!double.IsFinite(seconds) || seconds < 1)
                    {
                        throw new TimerConfigFormatException($"{path}: intervals.{name} must be a number of seconds ≥ 1, got {value?.ToJsonString() ?? "null"}.");
                    }

                    intervals[name] = TimeSpan.FromSeconds(seconds);
                }
            }
            else if (root["intervals"] is not null)
            {
                throw new TimerConfigFormatException($"{path}: 'intervals' must be an object of monitor → seconds.");
            }

            return new TimerConfigState(version, intervals);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new TimerConfigFormatException($"{path} is malformed: {ex.Message}", ex);
        }
    }

    private static string Serialize(TimerConfigState state)
    {
        var intervals = new JsonObject();
        foreach (var (name, interval) in state.Intervals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            intervals[name] = interval.TotalSeconds;
        }

        var root = new JsonObject { ["version"] = state.Version, ["intervals"] = intervals };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public override string ToString() => Path.ToString(CultureInfo.InvariantCulture);
}
