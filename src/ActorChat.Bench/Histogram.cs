using System.Numerics;

namespace ActorChat.Bench;

/// <summary>Latencies in microseconds, log-linear (64 buckets per power of two, about 1.5% precision), fixed size.</summary>
internal sealed class Histogram
{
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[SubBuckets * 42];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[Index(micros)]++;
        Count++;
        Max = Math.Max(Max, micros);
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value below which <paramref name="percent"/> of the samples lie (the bucket's lower bound).</summary>
    public long Percentile(double percent)
    {
        var rank = (long)Math.Ceiling(Count * percent / 100);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank && seen > 0)
            {
                return LowerBound(i);
            }
        }
        return Max;
    }

    private static int Index(long v)
    {
        if (v < 2 * SubBuckets)
        {
            return (int)v;
        }
        var shift = (63 - BitOperations.LeadingZeroCount((ulong)v)) - 6;
        return ((shift + 1) * SubBuckets) + (int)((v >> shift) & (SubBuckets - 1));
    }

    private static long LowerBound(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }
        var shift = (index / SubBuckets) - 1;
        return (long)(SubBuckets + (index % SubBuckets)) << shift;
    }
}
