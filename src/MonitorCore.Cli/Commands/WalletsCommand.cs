using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class WalletsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("wallets", "The wallets whose Jupiter positions are synced.");
        Func<Invocation, Hosting.Operations.MonitorCoreOperations, Task<int>> list = async (invocation, operations) =>
        {
            var wallets = await operations.Wallets.ListAsync(invocation.CancellationToken);
            await invocation.WriteAsync(wallets, async w =>
            {
                if (w.Wallets.Count == 0)
                {
                    await invocation.Out.WriteLineAsync("No wallets. Add one with: monitorcore wallets add NAME ADDRESS");
                    return;
                }

                var table = new TextTable("NAME", "ADDRESS", "ENABLED", "ADDED");
                foreach (var wallet in w.Wallets)
                {
                    table.Add(wallet.Name, wallet.Address, wallet.Enabled ? "yes" : "no", Format.Time(wallet.CreatedAt));
                }

                table.WriteTo(invocation.Out);
            });
            return ExitCodes.Ok;
        };
        command.WithAction(context, list, DatabaseStart.Read);
        command.Subcommands.Add(new Command("list", "List the wallets.").WithAction(context, list, DatabaseStart.Read));

        var name = new Argument<string>("name") { Description = "A short name for the wallet (letters, digits, '-', '_', '.')." };
        var address = new Argument<string>("address") { Description = "The wallet's Solana address." };
        var add = new Command("add", "Add a wallet; its positions are synced from the next position_monitor run.");
        add.Arguments.Add(name);
        add.Arguments.Add(address);
        add.WithAction(context, async (invocation, operations) =>
        {
            var wallet = await operations.Wallets.AddAsync(invocation.Parse.GetValue(name)!, invocation.Parse.GetValue(address)!, invocation.CancellationToken);
            await invocation.WriteAsync(wallet, w => invocation.Out.WriteLineAsync($"Added wallet {w.Name} ({w.Address})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(add);

        foreach (var (verb, enabled) in new[] { ("disable", false), ("enable", true) })
        {
            var target = new Argument<string>("name") { Description = "The wallet's name." };
            var toggle = new Command(verb, enabled ? "Sync the wallet again." : "Stop syncing the wallet; its stored positions are kept.");
            toggle.Arguments.Add(target);
            toggle.WithAction(context, async (invocation, operations) =>
            {
                var state = await operations.Wallets.SetEnabledAsync(invocation.Parse.GetValue(target)!, enabled, invocation.CancellationToken);
                await invocation.WriteAsync(state, s => invocation.Out.WriteLineAsync($"Wallet {s.Name} {(s.Enabled ? "enabled" : "disabled")}."));
                return ExitCodes.Ok;
            });
            command.Subcommands.Add(toggle);
        }

        return command;
    }
}
