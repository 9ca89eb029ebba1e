namespace MonitorCore.Wallets;

/// <summary>The wallet already exists under that name or address.</summary>
public sealed class DuplicateWalletException(string message) : Exception(message);

/// <summary><c>wallets</c>: the wallets whose positions are synced.</summary>
public interface IWalletStore
{
    /// <summary>Adds a wallet; an invalid one is refused with <see cref="ArgumentException"/>, a repeated one with <see cref="DuplicateWalletException"/>.</summary>
    Task AddAsync(Wallet wallet, CancellationToken cancellationToken);

    Task<IReadOnlyList<Wallet>> ListAsync(bool enabledOnly, CancellationToken cancellationToken);

    /// <summary>Turns a wallet on or off; false when there is no wallet of that name.</summary>
    Task<bool> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken);
}
