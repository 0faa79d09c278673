using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.TestSupport;

/// <summary>One log message as written, with its category and level.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message);

/// <summary>
/// Keeps every log message in memory, so a test can check that something was logged (e.g. every access denial),
/// not just that it happened.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToArray();

    public IEnumerable<CapturedLog> Warnings => Logs.Where(l => l.Level == LogLevel.Warning);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _logs);

    /// <summary>A logger of <typeparamref name="T"/>'s category that writes here, for services built by hand.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new SingleProviderFactory(this));

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }

    private sealed class SingleProviderFactory(CapturingLoggerProvider provider) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider loggerProvider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
