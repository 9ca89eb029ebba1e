using System.CommandLine;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Cli.Commands;

internal static class SonicCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "sonic",
            "The sonic cycle: its interval, each step's toggle, the instance that runs it, the last and the next cycle. " +
            "'sonic interval 30s', 'sonic enable STEP' and 'sonic disable STEP' change a running service from its next cycle.");
        command.WithAction(context, async (invocation, operations) =>
        {
            await WriteAsync(invocation, await operations.Sonic.GetAsync(invocation.CancellationToken), null);
            return ExitCodes.Ok;
        });

        var interval = new Argument<string>("interval") { Description = "Seconds between the starts of two cycles, with a unit: 30s, 2m, 1h (whole seconds, 1s to 1d)." };
        var setInterval = new Command("interval", "Set the cycle interval; a running service follows it from its next cycle.");
        setInterval.Arguments.Add(interval);
        setInterval.WithAction(context, async (invocation, operations) =>
        {
            var view = await operations.Sonic.SetIntervalAsync(invocation.Parse.GetValue(interval)!, invocation.CancellationToken);
            await WriteAsync(invocation, view, $"{RuntimeSettingCatalog.CycleInterval} = {view.IntervalSeconds}: a running service follows it from its next cycle.");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(setInterval);
        command.Subcommands.Add(Toggle(context, "enable", true));
        command.Subcommands.Add(Toggle(context, "disable", false));
        return command;
    }

    private static Command Toggle(CliContext context, string name, bool enabled)
    {
        var step = new Argument<string>("step") { Description = "profit, risk, liquid, market (or the monitor's name), or sonic for the whole cycle." };
        var command = new Command(name, $"Switch a step of the cycle {(enabled ? "on" : "off")} from the next cycle" + (enabled ? "." : ": it is recorded as Disabled."));
        command.Arguments.Add(step);
        command.WithAction(context, async (invocation, operations) =>
        {
            var view = await operations.Sonic.SetStepAsync(invocation.Parse.GetValue(step)!, enabled, invocation.CancellationToken);
            var word = invocation.Parse.GetValue(step)!.Trim().ToLowerInvariant();
            var changed = view.Steps.FirstOrDefault(s => s.Step == word || s.Monitor == word || s.Toggle == word);
            var what = changed is null ? $"{MonitorCore.Settings.SystemVarKeys.EnabledSonic.Name} = {(view.Enabled ? "true" : "false")}" : $"{changed.Toggle} = {(changed.Enabled ? "true" : "false")}";
            await WriteAsync(invocation, view, $"{what}: a running service applies it from its next cycle.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task WriteAsync(Invocation invocation, SonicView view, string? change) => invocation.WriteAsync(view, async v =>
    {
        if (change is not null)
        {
            await invocation.Out.WriteLineAsync(change);
        }

        await invocation.Out.WriteLineAsync(
            $"sonic cycle: every {Format.Seconds(v.IntervalSeconds)} ({v.IntervalSource}), {(v.Enabled ? "on" : "off (enabled_sonic: every cycle is recorded as Disabled)")}");
        var table = new TextTable("STEP", "MONITOR", "TOGGLE", "STATE");
        foreach (var s in v.Steps)
        {
            table.Add(s.Step ?? "-", s.Monitor, s.Toggle ?? "-", s.Toggle is null ? "always" : s.Enabled ? "on" : "off");
        }

        table.WriteTo(invocation.Out);
        await invocation.Out.WriteLineAsync($"leader: {LeaderText.Describe(v.Leader)}");
        await invocation.Out.WriteLineAsync(v.LastCycle is null
            ? "last cycle: never; the first runs when a serve starts"
            : $"last cycle: {Format.Time(v.LastCycle)}; next cycle: {(v.NextCycleSeconds is > 0 ? "in " + Format.Seconds(v.NextCycleSeconds) : "due now")} ({Format.Time(v.NextCycle)})");
    });
}
