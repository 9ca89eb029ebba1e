using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MonitorCore.Alerts;
using MonitorCore.Checks;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Evaluation;

namespace MonitorCore.Monitors.Checks;

/// <summary>
/// A declarative check as a monitor: runs its probe within its timeout, evaluates every condition, writes
/// every value it measured and every condition's result to its ledger row, and raises (or resolves) its
/// <c>Check</c> alert through the rule engine at the level it names.
/// </summary>
internal sealed class CheckMonitor<TOptions>(
    IOptionsSnapshot<TOptions> options,
    IProbe<TOptions> probe,
    IAlertEngine engine,
    TimeProvider time) : IMonitor
    where TOptions : CheckOptions
{
    /// <summary>The alert type of every check's alert; the subject is the check's key.</summary>
    public const string AlertType = "Check";

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        var settings = options.Get(context.Name);
        var conditions = settings.ParsedConditions();
        ProbeResult result;
        using (var deadline = new CancellationTokenSource(settings.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            result = await probe.RunAsync(settings, linked.Token);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = conditions.Select(c => c.Evaluate(result.Values)).ToList();
        var failed = outcomes.Where(o => !o.Success).ToList();
        var metadata = new JsonObject
        {
            ["type"] = settings.Type.ToLowerInvariant(),
            ["measured"] = result.Measured,
            ["conditions"] = new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["condition"] = o.Condition,
                ["success"] = o.Success,
                ["actual"] = o.Actual is null ? null : ProbeText.Keep(o.Actual),
            })]),
            ["conditions_failed"] = failed.Count,
        };

        var problem = result.Failure is not null
            ? result.Failure + (failed.Count > 0 ? $"; {failed.Count} of {outcomes.Count} conditions failed" : "")
            : failed.Count > 0
                ? $"{failed.Count} of {outcomes.Count} conditions failed: {string.Join("; ", failed.Select(Describe))}"
                : null;

        var alert = await EvaluateAlertAsync(context, settings, problem, failed.Count, cancellationToken);
        EvaluationMetadata.Add(metadata, alert);
        return problem is null ? MonitorResult.Success(metadata) : MonitorResult.Error(problem, metadata);
    }

    private static string Describe(ConditionResult r) => $"{r.Condition} (was {(r.Actual is null ? "not measured" : Quote(r.Actual))})";

    private static string Quote(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private Task<AlertOutcome> EvaluateAlertAsync(MonitorContext context, TOptions settings, string? problem, int failed, CancellationToken cancellationToken)
    {
        var level = settings.AlertLevel.ToUpperInvariant() switch
        {
            "LOW" => AlertLevel.Low,
            "MEDIUM" => AlertLevel.Medium,
            "HIGH" => AlertLevel.High,
            _ => (AlertLevel?)null,
        };
        var rule = new AlertRule
        {
            Name = AlertType,
            Monitor = context.Name,
            Condition = ThresholdCondition.Above,
            Low = 0.5,
            Medium = 0.5,
            High = 0.5,
            Hysteresis = 0,
            BreachLevel = level ?? AlertLevel.Low,
            Channels = level is { } l && settings.AlertChannels.Count > 0
                ? new Dictionary<AlertLevel, IReadOnlyList<string>> { [l] = [.. settings.AlertChannels.Select(c => c.ToLowerInvariant())] }
                : new Dictionary<AlertLevel, IReadOnlyList<string>>(),
        };

        // No alert wanted, or nothing wrong: an empty observation set resolves one still firing.
        IReadOnlyList<Observation> observations = level is null || problem is null
            ? []
            : [new Observation(context.Name, Math.Max(1, failed), $"{context.Name} failed: {problem}")];
        return engine.EvaluateAsync(rule, observations, context.CycleId, cancellationToken);
    }
}
