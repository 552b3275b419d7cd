using System.Runtime;
using ActorChat.Server.Admission;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Hosting;

/// <summary>
/// Gives memory back once a crowd has come or gone. The GC collects only when something allocates,
/// and a quiet server allocates almost nothing: after 10,000 clients left, their objects stayed on
/// the heap and the heap stayed committed (RSS 3.4× what it was before they came). So, once a second:
/// when the connection count has moved by a crowd since the last trim and then held still for a
/// second, one full compacting collection that also decommits what is free (aggressive mode).
/// </summary>
internal sealed class MemoryTrimmer(ConnectionLimiter limiter, ILogger<MemoryTrimmer> logger) : BackgroundService
{
    /// <summary>How many connections must have come or gone since the last trim for a trim to be worth a pause.</summary>
    public const int Crowd = 1000;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var atLastTrim = limiter.Open;
        var previous = atLastTrim;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var open = limiter.Open;
                if (CrowdHasSettled(atLastTrim, previous, open))
                {
                    Trim(atLastTrim, open);
                    atLastTrim = open;
                }
                previous = open;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// True when the count has moved by a crowd since the last trim and held still over the last tick
    /// (still arriving or leaving, a collection would only copy objects about to die).
    /// </summary>
    public static bool CrowdHasSettled(int atLastTrim, int previous, int open) =>
        Math.Abs(open - atLastTrim) >= Crowd && Math.Abs(open - previous) < Crowd / 20;

    private void Trim(int before, int now)
    {
        var committedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes >> 20;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var committedAfter = GC.GetGCMemoryInfo().TotalCommittedBytes >> 20;
        Log.MemoryTrimmed(logger, before, now, committedBefore, committedAfter);
    }
}
