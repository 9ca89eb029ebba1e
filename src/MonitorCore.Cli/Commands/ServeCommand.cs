using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli.Commands;

internal static class ServeCommand
{
    /// <summary>How long a stop (Ctrl+C, SIGTERM) waits for the cycle and the dispatcher to finish before the process exits.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    public static Command Create(CliContext context)
    {
        var quiet = new Option<bool>("--quiet") { Description = "Log only warnings and errors (default: every run is logged)." };
        var urls = new Option<string?>("--urls")
        {
            Description = $"Where the HTTP API listens, e.g. http://0.0.0.0:5000 (default {MonitorCore.Api.ApiOptions.DefaultUrls}, or MONITORCORE_URLS). " +
                          "Anything but loopback needs an API key (Api:Keys).",
            HelpName = "URLS",
        };
        var noApi = new Option<bool>("--no-api") { Description = "Run the engine alone, without the HTTP API and dashboard." };
        var command = new Command(
            "serve",
            "Run the service until Ctrl+C or SIGTERM: the sonic cycle every interval (monitor_heartbeat), every other monitor on its own timer, " +
            "the notification dispatcher, and the HTTP API with the dashboard.");
        command.Options.Add(quiet);
        command.Options.Add(urls);
        command.Options.Add(noApi);
        command.SetAction((parse, ct) =>
        {
            var invocation = new Invocation(context, parse, ct);
            return invocation.RunAsync(
                app => ServeAsync(invocation, app, parse.GetValue(noApi) ? null : app.Configuration[MonitorCore.Api.ApiOptions.Section + ":Urls"] ?? MonitorCore.Api.ApiOptions.DefaultUrls),
                settings => Adjust(settings, parse.GetValue(quiet), parse.GetValue(urls)),
                DatabaseStart.Checked,
                settings => parse.GetValue(noApi)
                    ? Build(settings, context)
                    : MonitorCore.Api.MonitorCoreWebHost.Build(settings, ShutdownTimeout, context.ConfigureServices, ConfigureHost));
        });
        return command;
    }

    private static HostSettings Adjust(HostSettings settings, bool quiet, string? urls)
    {
        var overrides = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>());
        if (!quiet)
        {
            overrides["Logging:LogLevel:Default"] = "Information";
            overrides["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        }

        if (urls is not null)
        {
            overrides["Api:Urls"] = urls;
        }

        return settings with { Overrides = overrides };
    }

    /// <summary>The engine alone (<c>--no-api</c>): the generic .NET host with Monitor Core on it.</summary>
    private static MonitorCoreApp Build(HostSettings settings, CliContext context)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "monitorcore",
            ContentRootPath = settings.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        return MonitorCoreApp.Build(builder, settings, context.ConfigureServices, ConfigureHost);
    }

    /// <summary>
    /// The service's logging, and under systemd (a unit of <c>Type=notify</c>) the host's own integration: READY=1 once
    /// every service has started, STOPPING=1 on a stop, and log lines in the journal's format with their level as its priority.
    /// Outside systemd it changes nothing.
    /// </summary>
    private static void ConfigureHost(IHostApplicationBuilder builder)
    {
        CliLogging.Configure(builder);
        builder.Services.AddSystemd();
    }

    private static async Task<int> ServeAsync(Invocation invocation, MonitorCoreApp app, string? api)
    {
        var monitors = await app.Operations.Monitors.ListAsync(invocation.CancellationToken);
        var cycle = monitors.Monitors.FirstOrDefault(m => m.InCycle)?.IntervalSeconds ?? MonitorCore.Heartbeat.Heartbeats.DefaultSonicInterval.TotalSeconds;
        await invocation.Error.WriteLineAsync(
            $"Monitor Core serving {monitors.Monitors.Count} monitor(s) from {app.Operations.Storage.Display}; " +
            $"cycle every {Format.Seconds(cycle)}" + (api is null ? "; no API (--no-api)" : $"; API and dashboard on {api}") + ". Ctrl+C stops.");
        await app.RunAsync(invocation.CancellationToken);
        await invocation.Error.WriteLineAsync("Monitor Core stopped.");
        return ExitCodes.Ok;
    }
}
