using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Data.Repositories;
using MonitorCore.Notifications;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Cli.Tests;

/// <summary>A monitorcore process killed after its notification was written but before it was delivered.</summary>
[Trait("Category", "Integration")]
public sealed class KilledProcessTests : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    public ValueTask DisposeAsync()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_notification_is_delivered_after_a_restart_and_nothing_is_lost()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answering = false;
        await using var webhook = await LocalHttpServer.StartAsync(async context =>
        {
            if (!Volatile.Read(ref answering))
            {
                first.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // the provider never answers the doomed process
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var db = _folder.File("monitorcore.db");

        // 1. A real process queues a notification and is killed while it waits for the provider.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder.Path };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "MonitorCore.Cli.dll"), "xcom", "test", "--channel", "webhook", "--level", "HIGH", "--db", db })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in OfflineSources.Environment())
        {
            start.Environment[key] = value;
        }

        start.Environment["MONITORCORE_Notifications__Webhook__Url"] = webhook.Url("/hook");
        start.Environment["MONITORCORE_Notifications__Webhook__Timeout"] = "00:05:00";
        start.Environment["MONITORCORE_Notifications__Dispatch__SendTimeout"] = "00:05:00";
        using (var process = Process.Start(start)!)
        {
            await first.Task.WaitAsync(TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // 2. Another Monitor Core starts on the same database; the provider is back.
        Volatile.Write(ref answering, true);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = MonitorCoreApp.Build(
            new HostSettings(_folder.Path, new Dictionary<string, string?>(), null, db, new Dictionary<string, string?>
            {
                ["Notifications:Webhook:Url"] = webhook.Url("/hook"),
            }),
            services => services.AddSingleton<TimeProvider>(time));
        await host.InitializeDatabaseAsync(default);
        var outbox = host.Services.GetRequiredService<INotificationOutbox>();
        var dispatcher = host.Services.GetRequiredService<NotificationDispatcher>();

        var row = Assert.Single(await outbox.ListAsync(null, 10, default));
        Assert.Equal(NotificationStatus.Pending, row.Status); // written, never delivered, never lost

        Assert.Equal(0, (await dispatcher.DispatchDueAsync(default)).Total); // the dead process's lease still holds it
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, (await dispatcher.DispatchDueAsync(default)).Sent);

        Assert.Equal(NotificationStatus.Sent, (await outbox.GetAsync(row.Id, default))!.Status);
        var keys = webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(2, keys.Count); // a crash may repeat a send (the receiver can tell by the key), never lose one
        Assert.Single(keys.Distinct());
    }
}
