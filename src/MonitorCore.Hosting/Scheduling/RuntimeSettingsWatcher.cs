using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Hosting.Scheduling;

/// <summary>
/// Reads the runtime settings again every few seconds while the service runs, so that a setting changed
/// by another process (a CLI command, an API on another instance) applies to the running service
/// without a restart. A change in this process applies at once (the settings operation reloads).
/// </summary>
public sealed partial class RuntimeSettingsWatcher(IConfiguration configuration, TimeProvider time, ILogger<RuntimeSettingsWatcher> logger) : BackgroundService
{
    /// <summary>How often the stored runtime settings are read again.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the watcher's timer runs (tests move the clock after it).</summary>
    internal Task Watching => _watching.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration is not IConfigurationRoot root || MonitorCoreConfiguration.RuntimeLayer(root) is not { } layer)
        {
            _watching.TrySetResult();
            return;
        }

        using var timer = new PeriodicTimer(Every, time);
        _watching.TrySetResult();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (layer.Reload())
                {
                    LogReloaded(logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Runtime settings changed; they apply from the next run")]
    private static partial void LogReloaded(ILogger logger);
}
