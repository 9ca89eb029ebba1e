namespace MonitorCore.Notifications;

/// <summary>Wakes the dispatcher as soon as rows are queued, so an alert does not wait for the next poll.</summary>
public sealed class NotificationSignal : IDisposable
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
    }

    /// <summary>Waits for a signal or the delay, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, wake.Token);
        var signal = _signal.WaitAsync(wake.Token);
        await Task.WhenAny(timer, signal);
        await wake.CancelAsync();
        try
        {
            await Task.WhenAll(timer, signal);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled by the other finishing.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _signal.Dispose();
}
