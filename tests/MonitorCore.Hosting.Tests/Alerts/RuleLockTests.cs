using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Notifications;

namespace MonitorCore.Hosting.Tests.Alerts;

/// <summary>Two instances on one database evaluating the same rule at once: one decides at a time, so nothing is sent twice.</summary>
public sealed class RuleLockTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<string> Webhook = ["webhook"];

    private static readonly AlertRule Rule = new()
    {
        Name = "Shared",
        Monitor = "shared_monitor",
        Condition = ThresholdCondition.Above,
        Low = 1,
        Medium = 2,
        High = 3,
        Channels = new Dictionary<AlertLevel, IReadOnlyList<string>> { [AlertLevel.Low] = Webhook, [AlertLevel.Medium] = Webhook, [AlertLevel.High] = Webhook },
    };

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private MonitorCoreApp _a = null!;
    private MonitorCoreApp _b = null!;

    public async Task InitializeAsync()
    {
        _a = Build();
        _b = Build();
        await _a.InitializeDatabaseAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _folder.Dispose();
    }

    private MonitorCoreApp Build() =>
        MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()),
            services => services.AddSingleton<TimeProvider>(_time));

    [Fact]
    public async Task A_second_instance_waits_while_the_first_holds_the_rule()
    {
        var first = _a.Services.GetRequiredService<RuleLocks>();
        var second = _b.Services.GetRequiredService<RuleLocks>();

        var held = await first.AcquireAsync(Rule, default);
        var waiting = second.AcquireAsync(Rule, default);
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
        }

        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }

    [Fact]
    public async Task The_same_breach_evaluated_by_both_at_once_fires_one_alert_and_queues_one_notification()
    {
        var observation = new Observation("SOL", 3.5, "SOL at 3.5");
        var engines = new[] { _a, _b }.Select(app => app.Services.GetRequiredService<IAlertEngine>()).ToList();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => engines[i % 2].EvaluateAsync(Rule, [observation], null, default))));

        var firing = await _a.Services.GetRequiredService<IAlertStore>().GetFiringAsync(Rule.Monitor, Rule.Name, default);
        Assert.Single(firing);
        var queued = await _a.Services.GetRequiredService<INotificationOutbox>().ListAsync(null, 100, default);
        Assert.Single(queued, n => n.Channel == "webhook");
    }
}
