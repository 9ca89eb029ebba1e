using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonitorCore.Alerts;
using MonitorCore.Configuration;

namespace MonitorCore.Notifications.Tests;

/// <summary>
/// The channels as production registers them (<c>AddNotificationChannels</c>), with the test's
/// configuration, a fake clock and every log line recorded at Trace level.
/// </summary>
internal sealed class ChannelHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public ChannelHarness(IDictionary<string, string?> configuration, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        _services = Build(configuration, Time, Logs);
        var problems = ConfiguredOptions.Validate(_services);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join('\n', problems));
        }
    }

    public FakeTimeProvider Time { get; }

    public LogRecorder Logs { get; } = new();

    public IServiceProvider Services => _services;

    public INotificationChannel Channel(string name) => _services.GetServices<INotificationChannel>().Single(c => c.Name == name);

    /// <summary>The configuration problems start-up reports, or none.</summary>
    public static IReadOnlyList<string> ProblemsOf(IDictionary<string, string?> configuration)
    {
        using var services = Build(configuration, new FakeTimeProvider(Start), new LogRecorder());
        return ConfiguredOptions.Validate(services);
    }

    /// <summary>A message as the dispatcher would hand it over.</summary>
    public static OutgoingMessage Message(
        string subject = "Liquidation warning",
        string body = "SOL LONG is 4.2% from liquidation",
        string recipient = "",
        AlertLevel level = AlertLevel.High,
        string idempotencyKey = "notification-42-test") =>
        new(42, recipient, subject, body, level, idempotencyKey);

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Build(IDictionary<string, string?> configuration, FakeTimeProvider time, LogRecorder logs)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddNotificationChannels(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        return services.BuildServiceProvider(validateScopes: true);
    }
}

/// <summary>Every log line written, at every level.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
