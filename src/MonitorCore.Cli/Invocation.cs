using System.CommandLine;
using System.Data.Common;
using MonitorCore.Data.Migrations;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli;

/// <summary>
/// One command's run: builds Monitor Core from the configuration, makes the database ready, runs the
/// action, and turns the expected failures into a message and an exit code.
/// </summary>
internal sealed class Invocation(CliContext context, ParseResult parse, CancellationToken cancellationToken)
{
    public bool Json { get; } = parse.GetValue<bool>(GlobalOptions.JsonName);

    public TextWriter Out => context.Out;

    public TextWriter Error => context.Error;

    public CancellationToken CancellationToken => cancellationToken;

    public ParseResult Parse => parse;

    public HostSettings Settings => new(
        context.BaseDirectory,
        context.Environment,
        parse.GetValue<string?>(GlobalOptions.ConfigName),
        parse.GetValue<string?>(GlobalOptions.DbName),
        parse.GetValue<bool>(GlobalOptions.DemoName) ? new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" } : null);

    /// <summary>What making the database ready did (set once the host is built).</summary>
    public Data.DatabaseInitReport? DatabaseReport { get; private set; }

    public void WriteJson(object value) => CliJson.Write(Out, value);

    /// <param name="action">The command's work.</param>
    /// <param name="adjust">Changes to the settings before the host is built.</param>
    /// <param name="database">How far to make the database ready: not at all, quickly, or with the full integrity check.</param>
    public async Task<int> WithHostAsync(
        Func<MonitorCoreHost, Task<int>> action, Func<HostSettings, HostSettings>? adjust = null, DatabaseStart database = DatabaseStart.Quick)
    {
        MonitorCoreHost host;
        try
        {
            host = MonitorCoreHost.Build(adjust?.Invoke(Settings) ?? Settings, context.ConfigureServices);
        }
        catch (ConfigurationErrorException ex)
        {
            await Error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }

        await using (host)
        {
            try
            {
                if (database == DatabaseStart.None)
                {
                    return await action(host);
                }

                var report = await host.InitializeDatabaseAsync(cancellationToken, integrityCheck: database == DatabaseStart.Checked);
                DatabaseReport = report;
                foreach (var message in report.Messages)
                {
                    await Error.WriteLineAsync("notice: " + message);
                }

                if (report.Migrations.Applied.Count > 0 && !Json)
                {
                    await Error.WriteLineAsync(
                        $"notice: database {host.Database.Location.Display} upgraded from schema version {report.Migrations.FromVersion} to {report.Migrations.ToVersion}.");
                }

                return await action(host);
            }
            catch (SchemaTooNewException ex)
            {
                await Error.WriteLineAsync(ex.Message);
                return ExitCodes.Failed;
            }
            catch (DbException ex)
            {
                await Error.WriteLineAsync($"The database {host.Database.Location.Display} could not be used: {ex.Message}");
                return ExitCodes.Failed;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else is a defect: say what happened, without a stack trace in the user's face.
                await Error.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message}");
                return ExitCodes.Failed;
            }
        }
    }
}

/// <summary>How a command makes the database ready before it runs.</summary>
internal enum DatabaseStart
{
    /// <summary>Not at all (the command does not use the database).</summary>
    None,

    /// <summary>Header check and migrations.</summary>
    Quick,

    /// <summary>Also SQLite's integrity check of every page (the service's start, <c>db migrate</c>).</summary>
    Checked,
}
