using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MonitorCore.Cli;

/// <summary>
/// The command's logs: one line each, to standard error (standard output carries results), warnings and
/// errors only unless <c>Logging:LogLevel</c> says otherwise (<c>serve</c> logs every run). A failing feed or
/// provider is one line naming the service, status and reason; retries, circuit breakers and stack traces
/// only at Debug (<c>Logging:LogLevel:Default=Debug</c>, or a category's own level such as <c>Logging:LogLevel:Polly</c>).
/// </summary>
internal static class CliLogging
{
    public static void Configure(IHostApplicationBuilder builder)
    {
        var logging = builder.Logging;
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (!Enum.TryParse<LogLevel>(builder.Configuration["Logging:LogLevel:Default"], ignoreCase: true, out var level) || level > LogLevel.Debug)
        {
            // Each retry and each open circuit breaker is a log entry with a full stack trace: a failing feed is said once,
            // by the run that met it ("Monitor price_monitor finished: Error …: coingecko: unreachable: …"). At Debug, everything.
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Error);
            logging.AddFilter("Polly", LogLevel.None);
        }

        logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // What 'config show' says of the levels above and of the API a command would serve, where the configuration sets nothing.
        builder.Services.AddSingleton(new ShownDefault("Logging", _ => new
        {
            LogLevel = new Dictionary<string, string>
            {
                ["Default"] = nameof(LogLevel.Warning),
                ["Microsoft"] = nameof(LogLevel.Warning),
                ["Polly"] = nameof(LogLevel.Warning),
                ["System.Net.Http.HttpClient"] = nameof(LogLevel.Warning),
            },
        }));
        builder.Services.AddSingleton(new ShownDefault(MonitorCore.Api.ApiOptions.Section, _ => new MonitorCore.Api.ApiOptions()));
    }
}
