using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Notifications;

namespace MonitorCore.Api.Tests;

/// <summary>
/// Signals each time a notification's delivery state is recorded (sent, failed, skipped), so that a test waits for
/// the service's dispatcher, which runs beside it, instead of sleeping. Installed around the registered outbox.
/// </summary>
public sealed class OutboxWatch
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _looked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next recorded delivery state; take it before looking, then wait.</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    /// <summary>
    /// Completes the next time someone has looked when the next notification is due: the dispatcher does so last
    /// before it waits for a signal or its poll interval (readiness looks too).
    /// </summary>
    public Task NextDueLook => Volatile.Read(ref _looked).Task;

    internal void Looked() =>
        Interlocked.Exchange(ref _looked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    internal void Changed() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Wraps the outbox registered so far (the storage's) with one that reports to <paramref name="watch"/>.</summary>
    public static void Install(IServiceCollection services, OutboxWatch watch)
    {
        var original = services.Last(d => d.ServiceType == typeof(INotificationOutbox));
        services.Add(ServiceDescriptor.Singleton<INotificationOutbox>(sp => new WatchedOutbox(Resolve(original, sp), watch)));
    }

    private static INotificationOutbox Resolve(ServiceDescriptor original, IServiceProvider services) =>
        original.ImplementationInstance as INotificationOutbox
        ?? (INotificationOutbox?)original.ImplementationFactory?.Invoke(services)
        ?? (INotificationOutbox)ActivatorUtilities.CreateInstance(services, original.ImplementationType!);

    private sealed class WatchedOutbox(INotificationOutbox inner, OutboxWatch watch) : INotificationOutbox
    {
        public Task<IReadOnlyList<Notification>> EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken) =>
            inner.EnqueueAsync(notifications, cancellationToken);

        public Task<IReadOnlyList<Notification>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
            inner.ClaimDueAsync(owner, now, leaseUntil, limit, cancellationToken);

        public async Task MarkSentAsync(IReadOnlyCollection<long> ids, string owner, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await inner.MarkSentAsync(ids, owner, providerMessageId, now, cancellationToken);
            watch.Changed();
        }

        public async Task MarkFailedAsync(
            IReadOnlyCollection<long> ids, string owner, string error, DateTimeOffset nextAttempt, bool permanent, int maxAttempts, CancellationToken cancellationToken)
        {
            await inner.MarkFailedAsync(ids, owner, error, nextAttempt, permanent, maxAttempts, cancellationToken);
            watch.Changed();
        }

        public async Task MarkSkippedAsync(IReadOnlyCollection<long> ids, string owner, string note, CancellationToken cancellationToken)
        {
            await inner.MarkSkippedAsync(ids, owner, note, cancellationToken);
            watch.Changed();
        }

        public Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) => inner.RetryAsync(id, now, cancellationToken);

        public Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status, int limit, CancellationToken cancellationToken, long? alertId = null) =>
            inner.ListAsync(status, limit, cancellationToken, alertId);

        public Task<Notification?> GetAsync(long id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<DateTimeOffset?> LastVoiceCallAsync(CancellationToken cancellationToken) => inner.LastVoiceCallAsync(cancellationToken);

        public Task<(int Due, DateTimeOffset? OldestDue)> DueAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.DueAsync(now, cancellationToken);

        public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
        {
            var next = await inner.NextDueAsync(cancellationToken);
            watch.Looked();
            return next;
        }
    }
}
