using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Monitors with a known behaviour, to exercise the runner.</summary>
internal sealed class SucceedingMonitor : IMonitor
{
    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(MonitorResult.Success(new JsonObject { ["cycle"] = context.CycleId }));
}

internal sealed class ThrowingMonitor : IMonitor
{
    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("feed exploded");
}

internal sealed class HangingMonitor : IMonitor
{
    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return MonitorResult.Success();
    }
}

/// <summary>Ignores its token: only the runner's own deadline can stop waiting for it.</summary>
internal sealed class DeafMonitor : IMonitor
{
    private static readonly TaskCompletionSource<MonitorResult> Never = new();

    public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) => Never.Task;
}
