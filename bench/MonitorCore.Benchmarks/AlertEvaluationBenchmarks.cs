using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Positions;

namespace MonitorCore.Benchmarks;

/// <summary>
/// One evaluation pass over <see cref="Positions"/> positions (<see cref="AlertBook"/>: most safe, a few
/// percent firing each rule). <see cref="RuleDecisions"/> is the pure part: <see cref="RuleEngine.NextLevel"/>
/// for every position and each of the four position rules, from the levels of a previous pass.
/// <see cref="LiquidMonitorSteadyState"/> is the real thing: <c>liquid_monitor</c> through
/// <see cref="MonitorRunner.RunByNameAsync"/> over the stored ACTIVE positions (SQLite file,
/// production migrations and thresholds) after two runs, so the same alerts are still firing and nothing
/// changes. The other two time parts of that run: reading the positions and the alert engine alone.
/// </summary>
[Config(typeof(PositionsPerSecondConfig))]
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private const string Monitor = "liquid_monitor";

    private Position[] _book = [];
    private AlertLevel?[][] _levels = [];
    private string _folder = null!;
    private MonitorCoreApp _host = null!;
    private MonitorRunner _controller = null!;
    private IPositionStore _positions = null!;
    private IAlertEngine _engine = null!;
    private AlertRule _liquidationRule = null!;
    private Observation[] _observations = [];

    /// <summary>100,000 is the target; 10,000 is the book the original Python was timed on (185 ms for its liquidation monitor).</summary>
    [Params(10_000, 100_000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        _book = AlertBook.Positions(Positions, now);

        // The levels after a first pass: the benchmarked pass decides each one again (hysteresis included).
        _levels = [.. AlertBook.PositionRules.Select((rule, r) => _book.Select(p => AlertBook.Value(r, p) is { } v ? RuleEngine.NextLevel(rule, null, v) : null).ToArray())];
        for (var r = 0; r < _levels.Length; r++)
        {
            var firing = _levels[r].Count(l => l is not null);
            Console.WriteLine($"// {AlertBook.PositionRules[r].Name}: {firing} of {Positions} firing ({100.0 * firing / Positions:0.00} %)");
        }

        if (RuleDecisions() != _levels.Sum(levels => levels.Count(l => l is not null)))
        {
            throw new InvalidOperationException("A second pass over unchanged values changed a level.");
        }

        _folder = BenchData.NewTempFolder("alerts");
        _host = MonitorCoreApp.Build(new HostSettings(
            _folder,
            new Dictionary<string, string?>(),
            Overrides: new Dictionary<string, string?>
            {
                // A HIGH alert that nobody acknowledges calls again after the escalation interval (10 min by
                // default); a whole benchmark run is one steady state, so no repeat may fall inside it.
                ["Notifications:Alerting:EscalationInterval"] = "1.00:00:00",
            }));
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        _controller = _host.Runner;
        _positions = _host.Services.GetRequiredService<IPositionStore>();
        _engine = _host.Services.GetRequiredService<IAlertEngine>();
        await _positions.UpsertAsync(_book, CancellationToken.None);

        var expected = _levels[0].Count(l => l is not null);
        var started = Stopwatch.GetTimestamp();
        var first = await LiquidMonitorSteadyState();
        Console.WriteLine($"// first liquid_monitor run (every alert new): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        Check(first, expected, notified: true);
        Check(await LiquidMonitorSteadyState(), expected, notified: false);

        _liquidationRule = (await _host.Services.GetRequiredService<Alerts.ThresholdRules>()
            .GetAsync("LiquidationDistance", "Position", Monitor, CancellationToken.None))!;
        _observations = [.. _book.Select(p => new Observation(p.Id, p.LiquidationDistancePct, $"{p.AssetType} {p.LiquidationDistancePct:0.0#} % from liquidation"))];
        var outcome = await EvaluateLiquidationRule();
        if (outcome.FiringIds.Count() != expected || outcome.NotificationIds.Count != 0)
        {
            throw new InvalidOperationException($"The engine alone saw {outcome.FiringIds.Count()} firing and queued {outcome.NotificationIds.Count}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    /// <summary>
    /// (a) The pure decisions of one pass: <see cref="RuleEngine.NextLevel"/> for every position and each of
    /// LiquidationDistance, Profit, HeatIndex and TravelPercent, from the previous pass's level. Returns how many fire.
    /// </summary>
    [Benchmark]
    public int RuleDecisions()
    {
        var firing = 0;
        var rules = AlertBook.PositionRules;
        for (var r = 0; r < rules.Length; r++)
        {
            var rule = rules[r];
            var levels = _levels[r];
            for (var i = 0; i < _book.Length; i++)
            {
                if (AlertBook.Value(r, _book[i]) is { } value && RuleEngine.NextLevel(rule, levels[i], value) is not null)
                {
                    firing++;
                }
            }
        }

        return firing;
    }

    /// <summary>(b) <c>liquid_monitor</c> end to end in the steady state: the same alerts still firing, nothing changes.</summary>
    [Benchmark]
    public Task<LedgerEntry> LiquidMonitorSteadyState() => _controller.RunByNameAsync(Monitor, null, CancellationToken.None);

    /// <summary>Part of (b): reading the ACTIVE positions (<c>PositionRepository.ListAsync</c>).</summary>
    [Benchmark]
    public Task<IReadOnlyList<Position>> ReadActivePositions() => _positions.ListAsync(PositionStatus.Active, CancellationToken.None);

    /// <summary>Part of (b): the alert engine alone on the liquidation rule, with the observations made beforehand.</summary>
    [Benchmark]
    public Task<AlertOutcome> EvaluateLiquidationRule() => _engine.EvaluateAsync(_liquidationRule, _observations, null, CancellationToken.None);

    private void Check(LedgerEntry entry, int firing, bool notified)
    {
        var metadata = entry.Metadata;
        var alerts = metadata["alert_ids"]?.AsArray().Count;
        var notifications = metadata["notification_ids"]?.AsArray().Count ?? 0;
        if (entry.Status != MonitorStatus.Success || (int?)metadata["total_checked"] != Positions || alerts != firing || (notifications > 0) != notified)
        {
            throw new InvalidOperationException(
                $"liquid_monitor did not do what the benchmark measures: {entry.Status}, {metadata["total_checked"]} checked, {alerts} firing (expected {firing}), {notifications} notifications");
        }
    }
}
