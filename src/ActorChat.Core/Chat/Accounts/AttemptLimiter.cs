namespace ActorChat.Core.Chat.Accounts;

/// <summary>
/// At most <c>limit</c> attempts per key in a fixed window (failed logins per account and per address,
/// registrations per address). Owned by the broker's pump. Bounded: past <see cref="MaxKeys"/> keys,
/// the windows that ended are swept; if none has, the oldest half goes.
/// </summary>
internal sealed class AttemptLimiter(int limit, TimeSpan window, TimeProvider clock)
{
    public const int MaxKeys = 100_000;

    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = [];

    /// <summary>Null when another attempt is allowed; else how long until it is.</summary>
    public TimeSpan? Wait(string key)
    {
        if (limit <= 0 || !_windows.TryGetValue(key, out var w))
        {
            return null;
        }
        var left = w.Start + window - clock.GetUtcNow();
        return w.Count >= limit && left > TimeSpan.Zero ? left : null;
    }

    public void Count(string key)
    {
        if (limit <= 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(key, out var w) || w.Start + window <= now)
        {
            w = (now, 0);
            if (_windows.Count >= MaxKeys)
            {
                Sweep(now);
            }
        }
        _windows[key] = (w.Start, w.Count + 1);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, w) in _windows)
        {
            if (w.Start + window <= now)
            {
                _windows.Remove(key);
            }
        }
        if (_windows.Count >= MaxKeys)
        {
            foreach (var key in _windows.OrderBy(p => p.Value.Start).Take(_windows.Count / 2).Select(p => p.Key).ToList())
            {
                _windows.Remove(key);
            }
        }
    }

    /// <summary>Whole seconds, rounded up, as the refusal states them.</summary>
    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);
}
