using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data.Migrations;
using MonitorCore.Hosting;

namespace MonitorCore.Cli.Commands;

internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Database maintenance.");
        var migrate = new Command(
            "migrate",
            "Check the database file's integrity, then create it or upgrade its schema to the newest version (every command also migrates at start-up).");
        migrate.WithHostAction(context, MigrateAsync, DatabaseStart.Checked);
        command.Subcommands.Add(migrate);
        return command;
    }

    private static async Task<int> MigrateAsync(Invocation invocation, MonitorCoreHost host)
    {
        // The host has already applied the pending migrations at start-up; report what it did.
        var runner = new MigrationRunner(host.Database, host.Services.GetRequiredService<TimeProvider>());
        var version = await runner.CurrentVersionAsync(invocation.CancellationToken);
        var applied = invocation.DatabaseReport?.Migrations.Applied ?? [];
        var result = new
        {
            Database = host.Database.Location.Display,
            Provider = host.Database.Provider.ToString().ToLowerInvariant(),
            SchemaVersion = version,
            Applied = applied.Select(m => new { m.Version, m.Name }).ToList(),
        };
        if (invocation.Json)
        {
            invocation.WriteJson(result);
        }
        else
        {
            foreach (var migration in applied)
            {
                await invocation.Out.WriteLineAsync($"applied {migration.Version:D4}_{migration.Name}");
            }

            await invocation.Out.WriteLineAsync($"{result.Database} ({result.Provider}) is at schema version {version} of {runner.LatestVersion}.");
        }

        return ExitCodes.Ok;
    }
}
