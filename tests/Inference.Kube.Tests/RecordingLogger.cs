using Microsoft.Extensions.Logging;

namespace Inference.Kube.Tests;

/// <summary>Keeps every log entry with its structured state, so tests can read audit lines field by field.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<IReadOnlyDictionary<string, object?>> _entries = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["{Message}"] = formatter(state, exception) };
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            foreach (var (key, value) in pairs)
                fields[key] = value;
        lock (_gate) _entries.Add(fields);
    }
}
