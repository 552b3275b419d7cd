using System.Diagnostics;

namespace ActorChat.Bench;

/// <summary>
/// The idle workload: many registered connections in rooms, the server's CPU to set each up, its
/// memory per connection, and how much memory it gives back once they have all left.
/// <c>connect</c> is the same with connections that only connect and get one answer, so neither
/// registration nor its round trips are measured.
/// </summary>
internal sealed class IdleRun(BenchOptions options, bool connectOnly)
{
    private readonly Dialect _dialect = Dialect.For(options.Server);

    public async Task<IdleReport> RunAsync()
    {
        var stats = new ServerStats(options.Pid);
        var before = stats.Enabled ? stats.ResidentBytes() : 0;
        var cpuBefore = stats.Enabled ? stats.CpuSeconds() : 0;
        var clients = new BenchClient[options.Connections];
        using var gate = new SemaphoreSlim(options.Concurrency);
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients.Length).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                clients[i] = await ConnectAsync(i);
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
        var cpu = stats.Enabled ? stats.CpuSeconds() - cpuBefore : 0;
        await Task.Delay(TimeSpan.FromSeconds(3));     // let the server's allocations settle before measuring
        var after = stats.Enabled ? stats.ResidentBytes() : 0;
        var connected = clients.Count(c => c is not null);
        foreach (var client in clients.Where(c => c is not null))
        {
            await client.DisposeAsync();
        }
        long? left = null;
        if (stats.Enabled && options.LeaveSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.LeaveSeconds));
            left = stats.ResidentBytes();
        }
        return new IdleReport(options.Server, options.Label, connectOnly ? "connect" : "idle", connected, failed, connected / connectSeconds,
            before, after, stats.Enabled && connected > 0 ? (after - before) / (double)connected : null,
            stats.Enabled && connected > 0 ? cpu * 1e6 / connected : null, left, left is { } l && before > 0 ? l / (double)before : null);
    }

    private async Task<BenchClient> ConnectAsync(int i)
    {
        var client = await BenchClient.ConnectAsync(options.Host, options.Port);
        try
        {
            if (!connectOnly)
            {
                await _dialect.RegisterAsync(client, $"i{i}");
                await client.RequestAsync(_dialect.Join($"i{i}", $"idle{i / options.Clients}"), Dialect.Ready);
            }
            else
            {
                if (_dialect.Hello.Length > 0)
                {
                    await client.SendAsync(_dialect.Hello);
                }
                _ = await client.ReadLineAsync() ?? throw new IOException("closed before answering");
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
