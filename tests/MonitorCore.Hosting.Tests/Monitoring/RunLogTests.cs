using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests.Monitoring;

/// <summary>Logs for people (issue 10 #7): one line per failing run; an Error at Warning level, a Warning at Information.</summary>
public sealed class RunLogTests
{
    [Fact]
    public async Task A_run_in_error_logs_a_warning_and_a_run_with_a_warning_logs_information_each_with_its_reason()
    {
        var log = new LogRecorder();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>(), services: services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            services.AddMonitor<WarningMonitor>("warn_probe");
            services.AddMonitor<ThrowingMonitor>("throw_probe");
        });

        await host.RunAsync("warn_probe");
        await host.RunAsync("throw_probe");

        var warned = Assert.Single(log.Entries, e => e.Message.StartsWith("Monitor warn_probe finished", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, warned.Level);
        Assert.EndsWith(": slow feed", warned.Message, StringComparison.Ordinal);
        var failed = Assert.Single(log.Entries, e => e.Message.StartsWith("Monitor throw_probe finished", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("Error", failed.Message, StringComparison.Ordinal);
        Assert.Null(failed.Exception); // no stack trace at Warning
    }

    private sealed class WarningMonitor : IMonitor
    {
        public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
            Task.FromResult(MonitorResult.Warning("slow feed", new JsonObject()));
    }
}
