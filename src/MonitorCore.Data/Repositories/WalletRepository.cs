using System.Data.Common;
using MonitorCore.Wallets;

namespace MonitorCore.Data.Repositories;

/// <summary><c>wallets</c>: the wallets whose positions are synced.</summary>
internal sealed class WalletRepository(Database database) : IWalletStore
{
    public async Task AddAsync(Wallet wallet, CancellationToken cancellationToken)
    {
        if (Wallet.Problem(wallet) is { } problem)
        {
            throw new ArgumentException(problem, nameof(wallet));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO wallets (name, address, enabled, created_at) VALUES (@name, @address, @enabled, @created_at) " +
            "ON CONFLICT DO NOTHING");
        command.Add("@name", wallet.Name);
        command.Add("@address", wallet.Address);
        command.Add("@enabled", wallet.Enabled);
        command.Add("@created_at", database.ToDb(wallet.CreatedAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new DuplicateWalletException(
                $"A wallet named '{wallet.Name}' or with address {wallet.Address} already exists.");
        }
    }

    public async Task<IReadOnlyList<Wallet>> ListAsync(bool enabledOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT name, address, enabled, created_at FROM wallets" + (enabledOnly ? " WHERE enabled = @enabled" : "") + " ORDER BY name");
        if (enabledOnly)
        {
            command.Add("@enabled", true);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Wallet>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Turns a wallet on or off; false when there is no wallet of that name.</summary>
    public async Task<bool> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE wallets SET enabled = @enabled WHERE name = @name");
        command.Add("@enabled", enabled);
        command.Add("@name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private Wallet Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), database.ReadTimestamp(reader, 3));
}
