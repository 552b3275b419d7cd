using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorChat.Store.Sqlite.Tests.Support;

/// <summary>Keeps what is logged and lets a test wait for a line containing some text.</summary>
internal sealed class ListLogger : ILogger<SqliteStore>
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel}: {formatter(state, exception)}";
        _lines.Enqueue(line);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)))
            {
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    public Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((text, seen));
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                seen.TrySetResult(line);
            }
        }
        return seen.Task.WaitAsync(timeout);
    }
}
