using System.Diagnostics;

namespace ActorChat.Bench;

/// <summary>
/// The churn workload (open loop): <c>--rate</c> new connections a second for <c>--seconds</c>, each
/// registering, joining a room of <c>--clients</c> and leaving at once. Reports the rate held, the
/// errors, the time from connect to being in the room, and the server's CPU per connection.
/// </summary>
internal sealed class ChurnRun(BenchOptions options)
{
    private readonly Dialect _dialect = Dialect.For(options.Server);
    private readonly Histogram _setup = new();
    private long _failed, _done;

    public async Task<ChurnReport> RunAsync()
    {
        var stats = new ServerStats(options.Pid);
        var cpuBefore = stats.Enabled ? stats.CpuSeconds() : 0;
        var start = Stopwatch.GetTimestamp();
        var ticksPerConnect = Stopwatch.Frequency / options.Rate;
        var total = (long)(options.Rate * options.Seconds);
        var running = new List<Task>();
        for (long k = 0; k < total; k++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(k * ticksPerConnect));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            running.Add(OneAsync(k));
        }
        await Task.WhenAll(running);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = stats.Enabled ? stats.CpuSeconds() - cpuBefore : (double?)null;
        return new ChurnReport(options.Server, options.Label, "churn", options.Rate, total, _done, _failed, _done / seconds,
            _setup.Percentile(50) / 1000.0, _setup.Percentile(99) / 1000.0, _setup.Max / 1000.0, cpu is { } c && _done > 0 ? c * 1e6 / _done : null);
    }

    private async Task OneAsync(long k)
    {
        await Task.Yield();    // the pacing loop goes on at once
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var client = await BenchClient.ConnectAsync(options.Host, options.Port);
            await _dialect.RegisterAsync(client, $"c{k}");
            await client.RequestAsync(_dialect.Join($"c{k}", $"churn{k % Math.Max(1, options.Rooms)}"), Dialect.Ready);
            var micros = Stopwatch.GetElapsedTime(started).Ticks / 10;
            lock (_setup)
            {
                _setup.Record(micros);
                _done++;
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
