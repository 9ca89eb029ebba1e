using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MonitorCore.Testing;

/// <summary>One log entry as the host wrote it.</summary>
public sealed record LoggedEntry(LogLevel Level, string Category, int EventId, string Message, Exception? Exception);

/// <summary>
/// A logger provider that keeps every entry, for tests that check what a person reading the log sees
/// (<c>services.AddSingleton&lt;ILoggerProvider&gt;(recorder)</c>).
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> _entries = new();

    public IReadOnlyCollection<LoggedEntry> Entries => _entries;

    public IEnumerable<LoggedEntry> WithEventId(int eventId) => _entries.Where(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LoggedEntry(logLevel, category, eventId.Id, formatter(state, exception), exception));
    }
}
