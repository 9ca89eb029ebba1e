using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data;
using MonitorCore.Data.Migrations;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Operations;

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

    public CliContext Context => context;

    public HostSettings Settings => new(
        context.BaseDirectory,
        context.Environment,
        parse.GetValue<string?>(GlobalOptions.ConfigName),
        parse.GetValue<string?>(GlobalOptions.DbName),
        parse.GetValue<bool>(GlobalOptions.DemoName) ? new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" } : null);

    public void WriteJson(object value) => CliJson.Write(Out, value);

    /// <summary>Writes the result as JSON, or as text with <paramref name="text"/>.</summary>
    public async Task WriteAsync<T>(T result, Func<T, Task> text)
        where T : notnull
    {
        if (Json)
        {
            WriteJson(result);
        }
        else
        {
            await text(result);
        }
    }

    /// <param name="action">The command's work, on the composed Monitor Core.</param>
    /// <param name="adjust">Changes to the settings before Monitor Core is built.</param>
    /// <param name="database">How far to make the database ready first: not at all, quickly, or with the full integrity check.</param>
    /// <param name="build">How to compose Monitor Core (the service's host); by default the fast empty host of a one-shot command.</param>
    public async Task<int> RunAsync(
        Func<MonitorCoreApp, Task<int>> action,
        Func<HostSettings, HostSettings>? adjust = null,
        DatabaseStart database = DatabaseStart.Quick,
        Func<HostSettings, MonitorCoreApp>? build = null)
    {
        MonitorCoreApp app;
        try
        {
            var settings = adjust?.Invoke(Settings) ?? Settings;
            if (database == DatabaseStart.Read)
            {
                settings = settings with { ReadOnly = true };
            }

            app = build?.Invoke(settings) ?? MonitorCoreApp.Build(settings, context.ConfigureServices, CliLogging.Configure);
        }
        catch (ConfigurationErrorException ex)
        {
            await Error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // A path of the configuration (a folder, the timer file's place) that this user cannot use.
            await Error.WriteLineAsync($"Monitor Core cannot start: {ex.Message} Check the paths in the configuration ('monitorcore config show') and this user's access to them.");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Error.WriteLineAsync($"error: Monitor Core could not start: {ex.Message} Please report it with the command that was run.");
            return ExitCodes.Failed;
        }

        await using (app)
        {
            try
            {
                if (database != DatabaseStart.None)
                {
                    await InitializeAsync(app, database);
                }

                return await action(app);
            }
            catch (OperationException ex)
            {
                await Error.WriteLineAsync(ex.Message);
                return ex.Error == OperationError.Unavailable ? ExitCodes.Failed : ExitCodes.Usage;
            }
            catch (SchemaTooNewException ex)
            {
                await Error.WriteLineAsync(ex.Message);
                return ExitCodes.Failed;
            }
            catch (DatabaseProblemException ex)
            {
                await Error.WriteLineAsync(ex.Message);
                return ex.BadInput ? ExitCodes.Usage : ExitCodes.Failed;
            }
            catch (DbException ex)
            {
                if (DatabaseErrors.Explain(ex, app.Services.GetRequiredService<Database>()) is { } explained)
                {
                    await Error.WriteLineAsync(explained.Message);
                    return explained.BadInput ? ExitCodes.Usage : ExitCodes.Failed;
                }

                await Error.WriteLineAsync($"The database {app.Operations.Storage.Display} could not be used: {ex.Message}");
                return ExitCodes.Failed;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else is a defect: say what happened, without a stack trace or a type name in the user's face.
                await Error.WriteLineAsync($"error: the command failed unexpectedly: {ex.Message} Please report it with the command that was run.");
                return ExitCodes.Failed;
            }
        }
    }

    private async Task InitializeAsync(MonitorCoreApp app, DatabaseStart database)
    {
        var report = database == DatabaseStart.Read
            ? await app.PrepareDatabaseForReadingAsync(cancellationToken)
            : await app.InitializeDatabaseAsync(cancellationToken, integrityCheck: database == DatabaseStart.Checked);
        foreach (var message in report.Messages)
        {
            await Error.WriteLineAsync("notice: " + message);
        }

        if (report.Migrations.Applied.Count > 0 && !Json)
        {
            await Error.WriteLineAsync(
                $"notice: database {app.Operations.Storage.Display} upgraded from schema version {report.Migrations.FromVersion} to {report.Migrations.ToVersion}.");
        }
    }
}

/// <summary>How a command makes the database ready before it runs.</summary>
internal enum DatabaseStart
{
    /// <summary>Not at all (the command does not use the database, or readies it itself).</summary>
    None,

    /// <summary>
    /// A command that only reads: the database is opened read-only, checked and never created, migrated or moved; one that
    /// does not exist yet reads as a new one would. Whatever market mode the data is in, it is shown as it is.
    /// </summary>
    Read,

    /// <summary>A command that writes: the path checked (a damaged file refused), migrations applied; a database holding the other market mode's data is refused.</summary>
    Quick,

    /// <summary>The service's start: also SQLite's integrity check of every page, and a damaged database moved aside.</summary>
    Checked,
}
