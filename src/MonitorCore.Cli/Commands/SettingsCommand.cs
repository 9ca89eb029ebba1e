using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class SettingsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "settings",
            "The runtime settings (cycle interval, step toggles, theme, liquidation, market and alerting settings): each with its value and where it came from. " +
            "A change applies to a running service from its next run.");
        command.WithAction(context, async (invocation, operations) =>
        {
            var list = await operations.Settings.ListAsync(invocation.CancellationToken);
            await invocation.WriteAsync(list, l =>
            {
                var table = new TextTable("KEY", "VALUE", "SOURCE", "DESCRIPTION");
                foreach (var s in l.Settings)
                {
                    var hidden = s.RuntimeValue is { } runtime && s.Source != Hosting.Configuration.RuntimeSettingsSource.Name && !s.Source.StartsWith("runtime", StringComparison.Ordinal)
                        ? $" (set at runtime to {runtime}, hidden by the {s.Source})"
                        : "";
                    table.Add(s.Key, s.Value ?? "(none)", s.Source + hidden, s.Description);
                }

                table.WriteTo(invocation.Out);
                return Task.CompletedTask;
            });
            return ExitCodes.Ok;
        },
        DatabaseStart.Read);

        var key = new Argument<string>("key") { Description = "The setting, e.g. sonic_interval_seconds, enabled_market or Monitors:liquid_monitor:ThresholdPercent." };
        var value = new Argument<string>("value") { Description = "Its new value: a number, true or false, a duration (30m, 2h), or one of its choices." };
        var set = new Command("set", "Change a runtime setting; a value it does not take is refused with the reason and nothing is stored.");
        set.Arguments.Add(key);
        set.Arguments.Add(value);
        set.WithAction(context, async (invocation, operations) =>
        {
            var view = await operations.Settings.SetAsync(invocation.Parse.GetValue(key)!, invocation.Parse.GetValue(value)!, invocation.CancellationToken);
            await invocation.WriteAsync(view, v => invocation.Out.WriteLineAsync($"{v.Key} = {v.Value} ({v.Source})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(set);

        var resetKey = new Argument<string>("key") { Description = "The setting to reset." };
        var reset = new Command("reset", "Remove a setting's runtime value: the config file, the environment or the default applies again.");
        reset.Arguments.Add(resetKey);
        reset.WithAction(context, async (invocation, operations) =>
        {
            var view = await operations.Settings.ResetAsync(invocation.Parse.GetValue(resetKey)!, invocation.CancellationToken);
            await invocation.WriteAsync(view, v => invocation.Out.WriteLineAsync($"{v.Key} = {v.Value ?? "(none)"} ({v.Source})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(reset);
        return command;
    }
}
