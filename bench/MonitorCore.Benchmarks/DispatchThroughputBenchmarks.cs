using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Notifications;
using MonitorCore.Notifications.Dispatch;

namespace MonitorCore.Benchmarks;

/// <summary>
/// <see cref="NotificationDispatcher"/> sending <see cref="Notifications"/> queued webhook notifications to a
/// local Kestrel server that answers 200: <see cref="NotificationDispatcher.DispatchDueAsync"/> in a loop until
/// nothing is due. Each notification has its own group key, so none are merged: one HTTP request each.
/// An <see cref="IterationSetupAttribute"/> empties the outbox and queues them (<see cref="NotificationOutbox.EnqueueAsync"/>,
/// one transaction), so BenchmarkDotNet runs one dispatch per iteration. Mean is the time to send them all;
/// Notifications/s is <see cref="Notifications"/> × 1 s / Mean.
/// </summary>
[Config(typeof(NotificationsPerSecondConfig))]
[MemoryDiagnoser]
public class DispatchThroughputBenchmarks
{
    private WebhookStubServer _server = null!;
    private string _folder = null!;
    private MonitorCoreApp _host = null!;
    private INotificationOutbox _outbox = null!;
    private NotificationDispatcher _dispatcher = null!;
    private int _round;

    [Params(10_000)]
    public int Notifications { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await WebhookStubServer.StartAsync();
        _folder = BenchData.NewTempFolder("dispatch");
        _host = MonitorCoreApp.Build(new HostSettings(
            _folder,
            new Dictionary<string, string?>(),
            Overrides: new Dictionary<string, string?> { ["Notifications:Webhook:Url"] = _server.HookUrl }));
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        _outbox = _host.Services.GetRequiredService<INotificationOutbox>();
        _dispatcher = _host.Services.GetRequiredService<NotificationDispatcher>();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    [IterationSetup]
    public void Enqueue()
    {
        using (var connection = _host.Services.GetRequiredService<MonitorCore.Data.Database>().OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM notification_outbox";
            command.ExecuteNonQuery();
        }

        var round = ++_round;
        var now = TimeProvider.System.GetUtcNow();
        var rows = new Notification[Notifications];
        for (var i = 0; i < rows.Length; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"r{round}-n{i}");
            rows[i] = new Notification
            {
                Channel = "webhook",
                Recipient = "127.0.0.1",
                Subject = $"[HIGH] liquid_monitor: SOL LONG 4.{i % 10} % from liquidation",
                Body = $"HIGH LiquidationDistance bench-{i:D6}-SOL: SOL LONG 4.{i % 10} % from liquidation (price 187.42, liquidation 179.3) (value 4.{i % 10}, threshold 5; alert {i + 1})",
                Level = AlertLevel.High,
                AlertIds = [i + 1],
                GroupKey = key,
                IdempotencyKey = key,
                CreatedAt = now,
                NextAttemptAt = now,
            };
        }

        _outbox.EnqueueAsync(rows, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Passes of <see cref="NotificationDispatcher.DispatchDueAsync"/> until one finds nothing due; every notification must be sent.</summary>
    [Benchmark]
    public async Task<DispatchReport> DispatchAll()
    {
        var total = DispatchReport.Empty;
        while (await _dispatcher.DispatchDueAsync(CancellationToken.None) is { Total: > 0 } pass)
        {
            total = total.Add(pass);
        }

        if (total.Sent != Notifications)
        {
            throw new InvalidOperationException($"Expected {Notifications} sent, got {total}.");
        }

        return total;
    }
}

/// <summary>Adds the Notifications/s column: the <c>Notifications</c> parameter × 1 s / Mean.</summary>
internal sealed class NotificationsPerSecondConfig : ManualConfig
{
    public NotificationsPerSecondConfig() =>
        AddColumn(new PerSecondColumn(
            "Notifications/s",
            benchmarkCase => Convert.ToDouble(benchmarkCase.Parameters[nameof(DispatchThroughputBenchmarks.Notifications)], CultureInfo.InvariantCulture),
            "Notifications per second: Notifications × 1 s / Mean, where Mean is the time to send all of them"));
}
