using System.CommandLine;
using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.Commands;

internal static class ThresholdsCommand
{
    private static readonly string[] Levels = ["low", "medium", "high"];

    public static Command Create(CliContext context)
    {
        var command = new Command("thresholds", "The alert thresholds: a low / medium / high triple per metric, with the channels of each level.");
        command.WithAction(context, async (invocation, operations) =>
        {
            var list = await operations.Thresholds.ListAsync(invocation.CancellationToken);
            await invocation.WriteAsync(list, l =>
            {
                var table = new TextTable("TYPE", "CLASS", "CONDITION", "LOW", "MEDIUM", "HIGH", "ENABLED", "LOW →", "MEDIUM →", "HIGH →");
                foreach (var t in l.Thresholds)
                {
                    static string Channels(AlertLevel level, string? list) =>
                        string.IsNullOrWhiteSpace(list) ? string.Join(",", AlertRule.DefaultChannels(level)) + " (default)" : list;
                    table.Add(t.AlertType, t.AlertClass, t.Condition.Word(), Format.Money(t.Low), Format.Money(t.Medium), Format.Money(t.High), t.Enabled ? "yes" : "no",
                        Channels(AlertLevel.Low, t.LowNotify), Channels(AlertLevel.Medium, t.MediumNotify), Channels(AlertLevel.High, t.HighNotify));
                }

                table.WriteTo(invocation.Out);
                return Task.CompletedTask;
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var type = new Argument<string>("type") { Description = "The alert type: Profit, TotalProfit, HeatIndex, TravelPercent or LiquidationDistance (or a plugin's)." };
        var @class = new Argument<string>("class") { Description = "The alert class: Position (Portfolio for TotalProfit)." };
        var low = new Option<double>("--low") { Description = "The LOW threshold.", Required = true };
        var medium = new Option<double>("--medium") { Description = "The MEDIUM threshold.", Required = true };
        var high = new Option<double>("--high") { Description = "The HIGH threshold.", Required = true };
        var condition = new Option<string?>("--condition") { Description = "ABOVE or BELOW (default: the stored one, else ABOVE)." };
        var metric = new Option<string?>("--metric") { Description = "The metric key (default: the stored one, else the type)." };
        var disable = new Option<bool>("--disable") { Description = "Keep the threshold but stop evaluating it." };
        var notify = Levels.Select(level => new Option<string?>($"--{level}-notify")
        {
            Description = $"Channels of the {level.ToUpperInvariant()} level, comma-separated (e.g. sms,voice); empty: the defaults.",
        }).ToArray();
        var set = new Command("set", "Change a threshold (or set one that was deleted); a type, class or channel that does not exist, or a triple out of order, is refused with the reason.");
        set.Arguments.Add(type);
        set.Arguments.Add(@class);
        foreach (var option in new Option[] { low, medium, high, condition, metric, disable }.Concat(notify))
        {
            set.Options.Add(option);
        }

        set.WithAction(context, async (invocation, operations) =>
        {
            var p = invocation.Parse;
            ThresholdCondition? parsed = null;
            if (p.GetValue(condition) is { } word)
            {
                parsed = Vocabulary.TryParse<ThresholdCondition>(word, out var c)
                    ? c
                    : throw OperationException.Invalid($"--condition '{word}' is not ABOVE or BELOW.", "condition");
            }

            var stored = await operations.Thresholds.SetAsync(
                new ThresholdChange(
                    p.GetValue(type)!, p.GetValue(@class)!, p.GetValue(low), p.GetValue(medium), p.GetValue(high),
                    parsed, p.GetValue(metric), !p.GetValue(disable),
                    p.GetValue(notify[0]), p.GetValue(notify[1]), p.GetValue(notify[2])),
                invocation.CancellationToken);
            await invocation.WriteAsync(stored, s =>
                invocation.Out.WriteLineAsync($"{s.AlertType}/{s.AlertClass}: {s.Low} / {s.Medium} / {s.High} ({s.Condition.Word()})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(set);

        var deleteType = new Argument<string>("type") { Description = "The alert type, e.g. Profit." };
        var deleteClass = new Argument<string>("class") { Description = "The alert class, e.g. Position." };
        var delete = new Command("delete", "Delete a threshold: its monitor stops evaluating it and its firing alerts resolve at the next run; 'thresholds set' brings it back.");
        delete.Arguments.Add(deleteType);
        delete.Arguments.Add(deleteClass);
        delete.WithAction(context, async (invocation, operations) =>
        {
            var deleted = await operations.Thresholds.DeleteAsync(invocation.Parse.GetValue(deleteType)!, invocation.Parse.GetValue(deleteClass)!, invocation.CancellationToken);
            await invocation.WriteAsync(deleted, d => invocation.Out.WriteLineAsync(
                $"{d.AlertType}/{d.AlertClass} deleted (it was {d.Low} / {d.Medium} / {d.High}, {d.Condition.Word()}); {d.AlertType} is no longer evaluated."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(delete);
        return command;
    }
}
