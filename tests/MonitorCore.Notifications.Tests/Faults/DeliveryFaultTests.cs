using Microsoft.AspNetCore.Http;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Notifications.XCom;
using MonitorCore.Notifications;

namespace MonitorCore.Notifications.Tests.Faults;

/// <summary>Providers that are down or hang: retries until delivered, and no provider holds up another. Nothing is lost.</summary>
public sealed class DeliveryFaultTests : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _servers = [];
    private TestHost? _host;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private async Task<LocalHttpServer> Server(Func<HttpContext, Task> handler)
    {
        var server = await LocalHttpServer.StartAsync(handler);
        _servers.Add(server);
        return server;
    }

    private async Task<TestHost> Host(Dictionary<string, string?> settings)
    {
        settings["Notifications:Dispatch:BaseDelay"] = "00:00:10";
        _host = await TestHost.StartAsync(settings);
        return _host;
    }

    private static async Task<Notification> Row(TestHost host, long id) => (await host.Get<INotificationOutbox>().GetAsync(id, default))!;

    /// <summary>Waits (a few milliseconds at a time) until the condition holds; a real signal from work on other threads.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 2000 && !await condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(await condition(), "the condition never held");
    }

    [Fact]
    public async Task A_provider_that_is_down_gets_retries_with_backoff_and_the_notification_arrives_once_it_is_back()
    {
        var calls = 0;
        var webhook = await Server(async context =>
        {
            var n = Interlocked.Increment(ref calls);
            context.Response.StatusCode = n <= 2 ? 503 : 200;
            await context.Response.WriteAsync(n <= 2 ? "down" : "ok");
        });
        var host = await Host(new() { ["Notifications:Webhook:Url"] = webhook.Url("/hook") });

        var sent = await host.Get<TestNotifier>().SendAsync("webhook", AlertLevel.High, "test", default);
        Assert.Equal(NotificationStatus.Failed, sent.Status);
        Assert.Contains("503", sent.Error, StringComparison.Ordinal);

        var dispatcher = host.Get<NotificationDispatcher>();
        Assert.Equal(DispatchReport.Empty, await dispatcher.DispatchDueAsync(default)); // not due yet: backing off
        host.Time.Advance(TimeSpan.FromSeconds(13)); // first retry after 10 s ± 20 %
        Assert.Equal(1, (await dispatcher.DispatchDueAsync(default)).Failed);
        host.Time.Advance(TimeSpan.FromSeconds(25)); // second retry after 20 s ± 20 %
        Assert.Equal(1, (await dispatcher.DispatchDueAsync(default)).Sent);

        var row = await Row(host, sent.NotificationId);
        Assert.Equal((NotificationStatus.Sent, 3), (row.Status, row.Attempts));
        Assert.Equal(3, webhook.Requests.Count);
        Assert.Single(webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task A_provider_that_never_recovers_ends_dead_and_visible()
    {
        var webhook = await Server(async context =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("broken");
        });
        var host = await Host(new() { ["Notifications:Webhook:Url"] = webhook.Url("/hook"), ["Notifications:Dispatch:MaxAttempts"] = "3" });

        var sent = await host.Get<TestNotifier>().SendAsync("webhook", AlertLevel.Low, "test", default);
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(5));
            await host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        }

        var row = await Row(host, sent.NotificationId);
        Assert.Equal((NotificationStatus.Dead, 3), (row.Status, row.Attempts));
        Assert.Contains("500", row.LastError, StringComparison.Ordinal);
        Assert.Single(await host.Get<INotificationOutbox>().ListAsync(NotificationStatus.Dead, 10, default));
    }

    [Fact]
    public async Task A_permanent_refusal_is_dead_at_once()
    {
        var slack = await Server(async context =>
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync(Fixtures.Read("slack/no_service_404.txt"));
        });
        var host = await Host(new() { ["Notifications:Slack:WebhookUrl"] = slack.Url("/services/T/B/X") });

        var sent = await host.Get<TestNotifier>().SendAsync("slack", AlertLevel.Low, "test", default);

        Assert.Equal(NotificationStatus.Dead, sent.Status);
        Assert.Contains("no_service", sent.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_hanging_provider_does_not_delay_another()
    {
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var webhook = await Server(async context =>
        {
            hung.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var slack = await Server(async context => await context.Response.WriteAsync("ok"));
        var host = await Host(new()
        {
            ["Notifications:Webhook:Url"] = webhook.Url("/hook"),
            ["Notifications:Webhook:Timeout"] = "00:05:00",
            ["Notifications:Slack:WebhookUrl"] = slack.Url("/services/T/B/X"),
            ["Notifications:Dispatch:SendTimeout"] = "00:00:30",
        });
        var outbox = host.Get<INotificationOutbox>();
        var now = host.Time.GetUtcNow();
        var rows = await outbox.EnqueueAsync(
        [
            new Notification { Channel = "webhook", Recipient = "", Subject = "s", Body = "b", Level = AlertLevel.High, IdempotencyKey = "k1", CreatedAt = now, NextAttemptAt = now },
            new Notification { Channel = "slack", Recipient = "", Subject = "s", Body = "b", Level = AlertLevel.High, IdempotencyKey = "k2", CreatedAt = now, NextAttemptAt = now },
        ], default);

        var dispatch = host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        await hung.Task;
        await Eventually(async () => (await Row(host, rows[1].Id)).Status == NotificationStatus.Sent);

        Assert.False(dispatch.IsCompleted); // the webhook still hangs, and Slack was delivered meanwhile
        Assert.Equal(now, (await Row(host, rows[1].Id)).SentAt);
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var report = await dispatch;

        Assert.Equal((1, 1), (report.Sent, report.Failed));
        var webhookRow = await Row(host, rows[0].Id);
        Assert.Equal(NotificationStatus.Failed, webhookRow.Status);
        Assert.Contains("no answer within 30 s", webhookRow.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_cut_short_by_a_stop_is_cancelled_at_the_provider_so_it_cannot_deliver_later()
    {
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var webhook = await Server(async context =>
        {
            hung.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            finally
            {
                aborted.TrySetResult();
            }
        });
        var host = await Host(new()
        {
            ["Notifications:Webhook:Url"] = webhook.Url("/hook"),
            ["Notifications:Webhook:Timeout"] = "00:05:00",
            ["Notifications:Dispatch:SendTimeout"] = "00:05:00",
        });
        var now = host.Time.GetUtcNow();
        await host.Get<INotificationOutbox>().EnqueueAsync(
            [new Notification { Channel = "webhook", Recipient = "", Subject = "s", Body = "b", Level = AlertLevel.High, IdempotencyKey = "k1", CreatedAt = now, NextAttemptAt = now }],
            default);
        using var stop = new CancellationTokenSource();

        var dispatch = host.Get<NotificationDispatcher>().DispatchDueAsync(stop.Token);
        await hung.Task;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);

        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the request was aborted, not left running on its own
    }

    [Fact]
    public async Task Rows_written_before_a_restart_are_delivered_after_it()
    {
        var webhook = await Server(async context => await context.Response.WriteAsync("ok"));
        var host = await Host(new() { ["Notifications:Webhook:Url"] = webhook.Url("/hook") });
        var now = host.Time.GetUtcNow();
        var row = (await host.Get<INotificationOutbox>().EnqueueAsync(
            [new Notification { Channel = "webhook", Recipient = "", Subject = "written", Body = "before the crash", Level = AlertLevel.High, IdempotencyKey = "k", CreatedAt = now, NextAttemptAt = now }],
            default))[0];

        await host.RestartAsync();
        await host.Get<NotificationDispatcher>().DrainAsync(TimeSpan.FromSeconds(5), default);

        Assert.Equal(NotificationStatus.Sent, (await Row(host, row.Id)).Status);
        Assert.Contains("before the crash", Assert.Single(webhook.Requests).Body, StringComparison.Ordinal);
    }
}
