using MonitorCore.Hosting.Events;

namespace MonitorCore.Hosting.Tests.Events;

internal static class EventTailExtensions
{
    /// <summary>Starts the tail and waits until it has read once and waits for more.</summary>
    public static async Task StartedAsync(this EventTail tail)
    {
        var idle = tail.NextIdle;
        await tail.StartAsync(default);
        await idle.WaitAsync(Subscriber.Patience);
    }

    /// <summary>Waits, pass after pass of the tail, until <paramref name="done"/> holds (the tail must be woken by something).</summary>
    public static async Task UntilAsync(this EventTail tail, Func<bool> done)
    {
        while (true)
        {
            var idle = tail.NextIdle;
            if (done())
            {
                return;
            }

            await idle.WaitAsync(Subscriber.Patience);
        }
    }
}
