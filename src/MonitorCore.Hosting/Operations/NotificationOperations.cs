using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Notifications.XCom;

namespace MonitorCore.Hosting.Operations;

public sealed record NotificationList(IReadOnlyList<Notification> Notifications);

/// <summary>A registered channel: whether it can send, and if not, what to configure.</summary>
public sealed record ChannelInfo(string Name, bool Configured, string? NotConfiguredReason);

public sealed record ChannelList(IReadOnlyList<ChannelInfo> Channels);

/// <summary>How many notifications are due and not sent, and how long the oldest has waited.</summary>
public sealed record OutboxDepth(int Due, double OldestDueSeconds);

/// <summary>A notification queued again, and what delivering the outbox then did.</summary>
public sealed record RetryResult(long Id, int Sent, int Failed, int Dead, int Skipped);

/// <summary>A test through one channel: what the provider said, and the <c>xcom_monitor</c> ledger row that records it.</summary>
public sealed record ChannelTestResult(TestSendResult Result, LedgerEntry Run);

/// <summary>The durable outbox: its rows, retries, delivery before a one-shot process exits, and channel tests.</summary>
public sealed class NotificationOperations(
    INotificationOutbox outbox,
    NotificationDispatcher dispatcher,
    TestNotifier notifier,
    ChannelCatalog channels,
    MonitorRunner runner,
    IOptions<DispatchOptions> options,
    TimeProvider time)
{
    /// <summary>The outbox newest first, optionally of one status and only the rows that carry one alert.</summary>
    public async Task<NotificationList> ListAsync(NotificationStatus? status, int limit, CancellationToken cancellationToken, long? alertId = null)
    {
        if (limit is < 1 or > 10_000)
        {
            throw OperationException.Invalid($"limit must be between 1 and 10000, got {limit}.", "limit");
        }

        return new NotificationList(await outbox.ListAsync(status, limit, cancellationToken, alertId));
    }

    /// <summary>How far behind the outbox is (metrics, readiness).</summary>
    public async Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (due, oldest) = await outbox.DueAsync(now, cancellationToken);
        return new OutboxDepth(due, oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0);
    }

    /// <summary>The registered channels and whether each can send.</summary>
    public ChannelList Channels() =>
        new([.. channels.All.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ChannelInfo(c.Name, c.NotConfiguredReason is null, c.NotConfiguredReason))]);

    /// <summary>Makes a failed, dead or skipped notification due now, and (when asked) delivers the outbox.</summary>
    public async Task<RetryResult> RetryAsync(long id, bool deliver, CancellationToken cancellationToken)
    {
        if (!await outbox.RetryAsync(id, time.GetUtcNow(), cancellationToken))
        {
            throw OperationException.NotFound($"No failed, dead or skipped notification {id}. See 'monitorcore notifications'.", "id");
        }

        var report = deliver ? await DeliverQueuedAsync(cancellationToken) : DispatchReport.Empty;
        return new RetryResult(id, report.Sent, report.Failed, report.Dead, report.Skipped);
    }

    /// <summary>
    /// Delivers what is due, waiting out retry delays for up to <c>Notifications:Dispatch:CliWait</c>: a
    /// process that exits next (a CLI run from cron) sends its alerts first. What still fails stays queued.
    /// </summary>
    public Task<DispatchReport> DeliverQueuedAsync(CancellationToken cancellationToken) =>
        dispatcher.DrainAsync(options.Value.CliWait, cancellationToken);

    /// <summary>
    /// Sends a test notification through one channel, via the outbox and the dispatcher, and records it as an
    /// <c>xcom_monitor</c> run (so the ledger shows it beside the outbox row).
    /// </summary>
    public async Task<ChannelTestResult> TestChannelAsync(string channel, AlertLevel level, string trigger, CancellationToken cancellationToken)
    {
        var name = channel.Trim().ToLowerInvariant();
        if (channels.Find(name) is null)
        {
            var near = channels.Suggest(name) is { } suggestion ? $" Did you mean '{suggestion}'?" : "";
            throw OperationException.Invalid($"No channel named '{channel}'.{near} The channels are {string.Join(", ", channels.Names)}.", "channel");
        }

        var test = new ChannelTest(notifier, name, level, trigger);
        var timeout = runner.Registry.TryGet(XComOptions.Monitor, out var xcom) ? xcom.Timeout : TimeSpan.FromSeconds(90);
        var run = await runner.RunAsync(new MonitorRegistration(XComOptions.Monitor, _ => test) { Timeout = timeout }, null, cancellationToken);
        var result = test.Sent ?? new TestSendResult(0, name, NotificationStatus.Failed, run.Metadata["error"]?.ToString() ?? "the test did not finish", null);
        return new ChannelTestResult(result, run);
    }

    /// <summary>One test send as an <c>xcom_monitor</c> run.</summary>
    private sealed class ChannelTest(TestNotifier notifier, string channel, AlertLevel level, string trigger) : IMonitor
    {
        public TestSendResult? Sent { get; private set; }

        public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
        {
            Sent = await notifier.SendAsync(channel, level, trigger, cancellationToken);
            var result = TestNotifier.ToResult(Sent);
            result.Metadata["trigger"] = trigger;
            return result;
        }
    }

    /// <summary>Reads a notification status word for a filter; null when empty.</summary>
    public static NotificationStatus? ParseStatus(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Vocabulary.TryParse<NotificationStatus>(text, out var status) ? status
        : throw OperationException.Invalid($"status '{text}' is not one of {string.Join(", ", Vocabulary.Words<NotificationStatus>())}.", "status");
}
