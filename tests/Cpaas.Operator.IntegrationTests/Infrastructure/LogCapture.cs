using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>One log record as the operator emitted it: the rendered message, every structured value, the scopes and the exception.</summary>
public sealed record CapturedLog(DateTimeOffset Time, LogLevel Level, string Category, string Message, string State, string Scopes, string? Exception)
{
    /// <summary>Everything the record carries, as one text to search for secret values.</summary>
    public string FullText => $"{Level} {Category} {Message} | {State} | {Scopes} | {Exception}";

    public override string ToString() => $"{Time:HH:mm:ss.fff} {Level} {Category}: {Message} [{Scopes}]{(Exception is null ? "" : " " + Exception)}";
}

/// <summary>
/// An <see cref="ILoggerProvider"/> handed to the operator host that keeps every record (message, structured state,
/// scopes and exception), so tests can search them and print the tail when a wait times out.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>The last <paramref name="count"/> records, one a line (for failure messages).</summary>
    public string Tail(int count = 60) => string.Join('\n', Records.TakeLast(count));

    // The operator's logger factory disposes its providers when the host stops; the records must outlive it.
    public void Dispose()
    {
    }

    private void Add(CapturedLog record) => _records.Enqueue(record);

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            owner._scopes.ForEachScope((scope, builder) => builder.Append(Describe(scope)).Append(" => "), scopes);
            owner.Add(new CapturedLog(
                DateTimeOffset.UtcNow,
                logLevel,
                category,
                formatter(state, exception),
                Describe(state),
                scopes.ToString(),
                exception?.ToString()));
        }

        private static string Describe(object? value) => value switch
        {
            null => string.Empty,
            IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(", ", pairs.Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
