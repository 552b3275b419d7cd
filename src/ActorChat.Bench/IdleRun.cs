using System.Diagnostics;

namespace ActorChat.Bench;

/// <summary>The idle workload: many registered connections in rooms, then the server's memory per connection.</summary>
internal sealed class IdleRun(BenchOptions options)
{
    public async Task<IdleReport> RunAsync()
    {
        var stats = new ServerStats(options.Pid);
        var before = stats.Enabled ? stats.ResidentBytes() : 0;
        var clients = new BenchClient[options.Connections];
        using var gate = new SemaphoreSlim(options.Concurrency);
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients.Length).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var client = await BenchClient.ConnectAsync(options.Host, options.Port);
                await client.RequestAsync($"i{i}\n/join idle{i / options.Clients}\n/part #lobby\n/ping ready\n", "pong ready");
                clients[i] = client;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        }));
        var connectSeconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));     // let the server's allocations settle before measuring
        var after = stats.Enabled ? stats.ResidentBytes() : 0;
        var connected = clients.Count(c => c is not null);
        foreach (var client in clients.Where(c => c is not null))
        {
            await client.DisposeAsync();
        }
        return new IdleReport(connected, failed, connected / connectSeconds, before, after,
            stats.Enabled && connected > 0 ? (after - before) / (double)connected : null);
    }
}
