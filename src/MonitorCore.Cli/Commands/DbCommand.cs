using System.CommandLine;

namespace MonitorCore.Cli.Commands;

internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Maintain the database: create it or upgrade its schema.");
        var migrate = new Command(
            "migrate",
            "Check the database file's integrity, then create it or upgrade its schema to the newest version (every command also migrates at start-up).");
        migrate.WithAction(
            context,
            async (invocation, operations) =>
            {
                var result = await operations.Storage.MigrateAsync(invocation.CancellationToken);
                foreach (var notice in result.Notices)
                {
                    await invocation.Error.WriteLineAsync("notice: " + notice);
                }

                await invocation.WriteAsync(result, async r =>
                {
                    foreach (var migration in r.Applied)
                    {
                        await invocation.Out.WriteLineAsync($"applied {migration.Version:D4}_{migration.Name}");
                    }

                    await invocation.Out.WriteLineAsync($"{r.Location} ({r.Provider}) is at schema version {r.SchemaVersion} of {r.LatestVersion}.");
                });
                return ExitCodes.Ok;
            },
            DatabaseStart.None);
        command.Subcommands.Add(migrate);
        return command;
    }
}
