using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Monitoring;
using MonitorCore.Plugins;

namespace MonitorCore.SamplePlugin;

/// <summary>The plugin's entry point: registers its monitor under the key <c>file_age_monitor</c>.</summary>
public sealed class SamplePlugin : IMonitorCorePlugin
{
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddMonitor<FileAgeMonitor, FileAgeOptions>(FileAgeMonitor.Name, r => r with
        {
            Interval = TimeSpan.FromMinutes(5),
            Description = "Age of a file another program refreshes (a trading bot's heartbeat file); Error when too old.",
        });
}

/// <summary>The <c>Monitors:file_age_monitor</c> section.</summary>
public sealed class FileAgeOptions
{
    /// <summary>The file to watch: an absolute path, or relative to the service's current folder.</summary>
    [Required]
    public string Path { get; set; } = "heartbeat.txt";

    /// <summary>Older than this is an Error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Reads a file's last write time and compares its age with the allowed maximum.</summary>
public sealed class FileAgeMonitor(IOptionsSnapshot<FileAgeOptions> options, TimeProvider time) : IMonitor
{
    public const string Name = "file_age_monitor";

    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        var file = new FileInfo(settings.Path);
        if (!file.Exists)
        {
            return Task.FromResult(MonitorResult.Error($"{settings.Path} does not exist", new JsonObject { ["path"] = settings.Path }));
        }

        var age = time.GetUtcNow() - file.LastWriteTimeUtc;
        var metadata = new JsonObject
        {
            ["path"] = settings.Path,
            ["age_seconds"] = Math.Round(age.TotalSeconds, 1),
            ["max_age_seconds"] = settings.MaxAge.TotalSeconds,
        };
        return Task.FromResult(age > settings.MaxAge
            ? MonitorResult.Error($"{settings.Path} is {age.TotalSeconds:0} s old (max {settings.MaxAge.TotalSeconds:0} s)", metadata)
            : MonitorResult.Success(metadata));
    }
}
