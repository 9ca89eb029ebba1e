using MonitorCore.Conformance;
using MonitorCore.Monitoring;
using MonitorCore.Plugins;

namespace MonitorCore.SamplePlugin.Tests;

/// <summary>The sample plugin's monitor passes the conformance tests every monitor passes, on a heartbeat file written just now.</summary>
public sealed class FileAgeMonitorConformanceTests : MonitorConformance
{
    protected override IMonitorCorePlugin Plugin => new SamplePlugin();

    protected override string MonitorName => FileAgeMonitor.Name;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Monitors:{FileAgeMonitor.Name}:Path"] = Path.Combine(Folder, "heartbeat.txt"),
        [$"Monitors:{FileAgeMonitor.Name}:MaxAge"] = "01:00:00",
    };

    protected override (string Key, string Value)? InvalidSetting => ("MaxAge", "00:00:00");

    protected override Task ArrangeAsync() => File.WriteAllTextAsync(Path.Combine(Folder, "heartbeat.txt"), "alive");
}

/// <summary>The same, where the file is missing: the run is an Error row, still exactly one, still conformant.</summary>
public sealed class FileAgeMonitorMissingFileConformanceTests : MonitorConformance
{
    protected override IMonitorCorePlugin Plugin => new SamplePlugin();

    protected override string MonitorName => FileAgeMonitor.Name;

    protected override MonitorStatus ExpectedStatus => MonitorStatus.Error;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Monitors:{FileAgeMonitor.Name}:Path"] = Path.Combine(Folder, "absent.txt"),
    };

    protected override (string Key, string Value)? InvalidSetting => ("Path", "");
}
