using System.Collections.Concurrent;
using ForumServer.Core.Privacy;

namespace ForumServer.Logging;

/// <summary>A bounded ring of the most recent log lines, already redacted when stored.</summary>
public sealed class RecentLogBuffer(int capacity)
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int Capacity { get; } = capacity;

    public void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _)) { }
    }

    public IReadOnlyList<string> Snapshot() => _lines.ToArray();
}

/// <summary>Writes every log entry, redacted, into the <see cref="RecentLogBuffer"/>.</summary>
public sealed class RecentLogProvider(RecentLogBuffer buffer, LogRedactor redactor) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, buffer, redactor);

    public void Dispose() { }

    private sealed class Logger(string category, RecentLogBuffer buffer, LogRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (exception is not null) message += Environment.NewLine + exception;
            buffer.Add(redactor.Redact($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff}Z {logLevel} {category}: {message}"));
        }
    }
}

/// <summary>Wraps another logging provider so what it writes passes through the redactor (setting <c>Logs:RedactAll</c>).</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, LogRedactor redactor) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), redactor);

    public void Dispose() => inner.Dispose();

    private sealed class Logger(ILogger inner, LogRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        // The exception goes into the redacted text: its message may hold an address too.
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, null, (s, e) =>
                redactor.Redact(formatter(s, exception) + (exception is null ? "" : Environment.NewLine + exception)));
    }
}
