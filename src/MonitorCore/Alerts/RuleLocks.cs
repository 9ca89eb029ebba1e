using System.Collections.Concurrent;
using MonitorCore.Leases;

namespace MonitorCore.Alerts;

/// <summary>
/// Evaluations of one alert rule never overlap, in this process or in another sharing the database (a CLI
/// run beside the service, an API request on a standby instance): each reads the firing alerts, decides and
/// writes under a short lease named after the rule. So two evaluations can never both decide to send the
/// same notification. A lease left by a process that died expires after <see cref="Hold"/>.
/// </summary>
public sealed class RuleLocks(ILeaseStore leases, TimeProvider time)
{
    /// <summary>The longest a lease is held when its holder dies mid-evaluation.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(20);

    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    /// <summary>Waits until this evaluation may run; dispose the result to let the next one in.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        var name = $"alert-rule:{rule.Monitor}:{rule.Name}";
        var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another process holds it only for the length of one evaluation: a short wait on the real clock.
            while (!await leases.TryAcquireAsync(name, _holder, time.GetUtcNow(), Hold, cancellationToken))
            {
                await Task.Delay(Retry, cancellationToken);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }

        return new Held(leases, _holder, name, gate);
    }

    private sealed class Held(ILeaseStore leases, string holder, string name, SemaphoreSlim gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await leases.ReleaseAsync(name, holder, CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
