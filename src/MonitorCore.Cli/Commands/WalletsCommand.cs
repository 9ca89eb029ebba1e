using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Wallets;

namespace MonitorCore.Cli.Commands;

internal static class WalletsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("wallets", "The wallets whose Jupiter positions are synced.");
        var list = new Command("list", "List the wallets.");
        list.WithHostAction(context, ListAsync);
        command.Subcommands.Add(list);
        command.WithHostAction(context, ListAsync);

        var name = new Argument<string>("name") { Description = "A short name for the wallet (letters, digits, '-', '_', '.')." };
        var address = new Argument<string>("address") { Description = "The wallet's Solana address." };
        var add = new Command("add", "Add a wallet; its positions are synced from the next position_monitor run.");
        add.Arguments.Add(name);
        add.Arguments.Add(address);
        add.WithHostAction(context, (invocation, host) => AddAsync(invocation, host, invocation.Parse.GetValue(name)!, invocation.Parse.GetValue(address)!));
        command.Subcommands.Add(add);

        foreach (var (verb, enabled) in new[] { ("disable", false), ("enable", true) })
        {
            var target = new Argument<string>("name") { Description = "The wallet's name." };
            var toggle = new Command(verb, enabled ? "Sync the wallet again." : "Stop syncing the wallet; its stored positions are kept.");
            toggle.Arguments.Add(target);
            toggle.WithHostAction(context, (invocation, host) => SetEnabledAsync(invocation, host, invocation.Parse.GetValue(target)!, enabled));
            command.Subcommands.Add(toggle);
        }

        return command;
    }

    private static async Task<int> ListAsync(Invocation invocation, MonitorCoreHost host)
    {
        var wallets = await host.Services.GetRequiredService<WalletRepository>().ListAsync(enabledOnly: false, invocation.CancellationToken);
        if (invocation.Json)
        {
            invocation.WriteJson(new { Wallets = wallets });
            return ExitCodes.Ok;
        }

        if (wallets.Count == 0)
        {
            await invocation.Out.WriteLineAsync("No wallets. Add one with: monitorcore wallets add NAME ADDRESS");
            return ExitCodes.Ok;
        }

        var table = new TextTable("NAME", "ADDRESS", "ENABLED", "ADDED");
        foreach (var w in wallets)
        {
            table.Add(w.Name, w.Address, w.Enabled ? "yes" : "no", Format.Time(w.CreatedAt));
        }

        table.WriteTo(invocation.Out);
        return ExitCodes.Ok;
    }

    private static async Task<int> AddAsync(Invocation invocation, MonitorCoreHost host, string name, string address)
    {
        var wallet = new Wallet(name, address, true, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        try
        {
            await host.Services.GetRequiredService<WalletRepository>().AddAsync(wallet, invocation.CancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or DuplicateWalletException)
        {
            await invocation.Error.WriteLineAsync(ex.Message.Split(" (Parameter")[0]);
            return ExitCodes.Usage;
        }

        if (invocation.Json)
        {
            invocation.WriteJson(wallet);
        }
        else
        {
            await invocation.Out.WriteLineAsync($"Added wallet {name} ({address}).");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> SetEnabledAsync(Invocation invocation, MonitorCoreHost host, string name, bool enabled)
    {
        if (!await host.Services.GetRequiredService<WalletRepository>().SetEnabledAsync(name, enabled, invocation.CancellationToken))
        {
            await invocation.Error.WriteLineAsync($"No wallet named '{name}'. See 'monitorcore wallets list'.");
            return ExitCodes.Usage;
        }

        await invocation.Out.WriteLineAsync(invocation.Json
            ? CliJson.Serialize(new { Name = name, Enabled = enabled })
            : $"Wallet {name} {(enabled ? "enabled" : "disabled")}.");
        return ExitCodes.Ok;
    }
}
