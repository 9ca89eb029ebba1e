using System.Text.RegularExpressions;

namespace MonitorCore.Wallets;

/// <summary>A wallet whose positions are synced (a row of <c>wallets</c>).</summary>
public sealed partial record Wallet(string Name, string Address, bool Enabled, DateTimeOffset CreatedAt)
{
    /// <summary>Says what is wrong with a wallet before it is stored; null when nothing is.</summary>
    public static string? Problem(Wallet wallet)
    {
        if (!NamePattern().IsMatch(wallet.Name))
        {
            return $"wallet name '{wallet.Name}' is not valid: use 1-64 letters, digits, '-', '_' or '.'";
        }

        return AddressPattern().IsMatch(wallet.Address)
            ? null
            : $"wallet address '{wallet.Address}' is not a Solana address (32-44 base58 characters)";
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[1-9A-HJ-NP-Za-km-z]{32,44}$")]
    private static partial Regex AddressPattern();
}
