using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class ThresholdsCommand
{
    private static readonly string[] Levels = ["low", "medium", "high"];

    public static Command Create(CliContext context)
    {
        var command = new Command("thresholds", "The alert thresholds: a low / medium / high triple per metric, with the channels of each level.");
        command.WithHostAction(context, ListAsync);

        var type = new Argument<string>("type") { Description = "The alert type: Profit, TotalProfit, HeatIndex, TravelPercent, LiquidationDistance, …" };
        var @class = new Argument<string>("class") { Description = "The alert class: Position, Portfolio or Market." };
        var low = new Option<double>("--low") { Description = "The LOW threshold.", Required = true };
        var medium = new Option<double>("--medium") { Description = "The MEDIUM threshold.", Required = true };
        var high = new Option<double>("--high") { Description = "The HIGH threshold.", Required = true };
        var condition = new Option<string?>("--condition") { Description = "ABOVE or BELOW (default: the stored one, else ABOVE)." };
        condition.AcceptOnlyFromAmong("ABOVE", "BELOW", "above", "below");
        var metric = new Option<string?>("--metric") { Description = "The metric key (default: the stored one, else the type)." };
        var disable = new Option<bool>("--disable") { Description = "Keep the threshold but stop evaluating it." };
        var notify = Levels.Select(level => new Option<string?>($"--{level}-notify")
        {
            Description = $"Channels of the {level.ToUpperInvariant()} level, comma-separated (e.g. sms,voice); empty: the defaults.",
        }).ToArray();
        var set = new Command("set", "Create or replace a threshold; a triple out of order is refused with the rule it breaks.");
        set.Arguments.Add(type);
        set.Arguments.Add(@class);
        foreach (var option in new Option[] { low, medium, high, condition, metric, disable }.Concat(notify))
        {
            set.Options.Add(option);
        }

        set.WithHostAction(context, async (invocation, host) =>
        {
            var p = invocation.Parse;
            var repository = host.Services.GetRequiredService<AlertThresholdRepository>();
            var existing = await repository.GetAsync(p.GetValue(type)!, p.GetValue(@class)!, invocation.CancellationToken);
            var threshold = new AlertThreshold
            {
                AlertType = p.GetValue(type)!,
                AlertClass = p.GetValue(@class)!,
                MetricKey = p.GetValue(metric) ?? existing?.MetricKey ?? p.GetValue(type)!,
                Condition = p.GetValue(condition) is { } c ? Enum.Parse<ThresholdCondition>(c, ignoreCase: true) : existing?.Condition ?? ThresholdCondition.Above,
                Low = p.GetValue(low),
                Medium = p.GetValue(medium),
                High = p.GetValue(high),
                Enabled = !p.GetValue(disable),
                LowNotify = p.GetValue(notify[0]) ?? existing?.LowNotify,
                MediumNotify = p.GetValue(notify[1]) ?? existing?.MediumNotify,
                HighNotify = p.GetValue(notify[2]) ?? existing?.HighNotify,
            };
            try
            {
                var stored = await repository.UpsertAsync(threshold, invocation.CancellationToken);
                await invocation.Out.WriteLineAsync(invocation.Json ? CliJson.Serialize(stored) : $"{stored.AlertType}/{stored.AlertClass}: {stored.Low} / {stored.Medium} / {stored.High} ({Word(stored.Condition)}).");
                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                await invocation.Error.WriteLineAsync(ex.Message.Split(" (Parameter")[0]);
                return ExitCodes.Usage;
            }
        });
        command.Subcommands.Add(set);
        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host)
    {
        var thresholds = await host.Services.GetRequiredService<AlertThresholdRepository>().ListAsync(invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Thresholds = thresholds });
            return ExitCodes.Ok;
        }

        var table = new TextTable("TYPE", "CLASS", "CONDITION", "LOW", "MEDIUM", "HIGH", "ENABLED", "LOW →", "MEDIUM →", "HIGH →");
        foreach (var t in thresholds)
        {
            string Channels(AlertLevel level, string? list) => list ?? string.Join(",", AlertRule.DefaultChannels(level)) + " (default)";
            table.Add(t.AlertType, t.AlertClass, Word(t.Condition), Format.Money(t.Low), Format.Money(t.Medium), Format.Money(t.High), t.Enabled ? "yes" : "no",
                Channels(AlertLevel.Low, t.LowNotify), Channels(AlertLevel.Medium, t.MediumNotify), Channels(AlertLevel.High, t.HighNotify));
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static string Word(ThresholdCondition condition) => condition.ToString().ToUpperInvariant();
}
