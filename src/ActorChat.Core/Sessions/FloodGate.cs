namespace ActorChat.Core.Sessions;

/// <summary>
/// A token bucket over a client's lines: <c>burst</c> lines at once, then <c>rate</c> per second.
/// A client over the limit is not cut off: its reader waits, and the rest of its lines wait in the socket.
/// </summary>
internal sealed class FloodGate(double linesPerSecond, int burst, TimeProvider clock)
{
    private double _tokens = burst;
    private long _last = clock.GetTimestamp();

    /// <summary>Takes a token for one line; returns how long to wait before handling it (zero if none).</summary>
    public TimeSpan Take()
    {
        var now = clock.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * linesPerSecond));
        _last = now;
        _tokens--;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / linesPerSecond);
    }
}
