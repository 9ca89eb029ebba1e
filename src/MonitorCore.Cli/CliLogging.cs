using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MonitorCore.Cli;

/// <summary>
/// The command's logs: one line each, to standard error (standard output carries results), warnings and
/// errors only unless <c>Logging:LogLevel</c> says otherwise (<c>serve</c> logs every run).
/// </summary>
internal static class CliLogging
{
    public static void Configure(IHostApplicationBuilder builder)
    {
        var logging = builder.Logging;
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
