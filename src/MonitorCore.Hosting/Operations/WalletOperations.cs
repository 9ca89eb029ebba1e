using MonitorCore.Events;
using MonitorCore.Wallets;

namespace MonitorCore.Hosting.Operations;

public sealed record WalletList(IReadOnlyList<Wallet> Wallets);

/// <summary>A wallet's sync switch after a change.</summary>
public sealed record WalletState(string Name, bool Enabled);

/// <summary>
/// The wallets whose Jupiter positions are synced. Adding, enabling or disabling one records a
/// <c>settings_changed</c> event (kind <c>wallet</c>, key the wallet's name).
/// </summary>
public sealed class WalletOperations(IWalletStore wallets, EventRecorder events, TimeProvider time)
{
    public async Task<WalletList> ListAsync(CancellationToken cancellationToken) => new(await wallets.ListAsync(enabledOnly: false, cancellationToken));

    /// <summary>Adds a wallet; its positions are synced from the next <c>position_monitor</c> run.</summary>
    public async Task<Wallet> AddAsync(string name, string address, CancellationToken cancellationToken)
    {
        var wallet = new Wallet(name, address, true, time.GetUtcNow());
        try
        {
            await wallets.AddAsync(wallet, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw OperationException.Invalid(OperationException.MessageOf(ex), Wallet.Problem(wallet)?.Contains("address", StringComparison.Ordinal) == true ? "address" : "name");
        }
        catch (DuplicateWalletException ex)
        {
            throw OperationException.Conflict(ex.Message);
        }

        await events.RecordSettingsChangedAsync("wallet", "add", wallet.Name, wallet);
        return wallet;
    }

    /// <summary>Turns a wallet's sync on or off; its stored positions are kept either way.</summary>
    public async Task<WalletState> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        if (!await wallets.SetEnabledAsync(name, enabled, cancellationToken))
        {
            throw OperationException.NotFound($"No wallet named '{name}'. See 'monitorcore wallets list'.", "name");
        }

        var state = new WalletState(name, enabled);
        await events.RecordSettingsChangedAsync("wallet", enabled ? "enable" : "disable", name, state);
        return state;
    }
}
