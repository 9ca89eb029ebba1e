namespace MonitorCore.Events;

/// <summary>
/// Wakes this process's event tail as soon as the log commits an event (or another instance's commit is
/// heard), so a subscriber does not wait for the next poll. Wakes are not counted: several before the
/// tail looks are one look.
/// </summary>
public sealed class EventSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // The process is stopping.
        }
    }

    /// <summary>Completes at the next wake (at once when one came since the last wait).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}
