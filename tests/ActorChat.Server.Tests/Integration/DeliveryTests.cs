using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class DeliveryTests
{
    [Fact]
    public async Task Two_clients_chat_both_ways()
    {
        await using var server = await TestServer.StartAsync();
        var c = await server.LoginAllAsync("alice", "bob");
        await c[0].SendAsync("hi bob");
        Assert.Equal("#lobby <alice> hi bob", await c[1].NextAsync());
        await c[1].SendAsync("hi alice");
        Assert.Equal("#lobby <bob> hi alice", await c[0].NextAsync());
    }

    [Fact]
    public async Task Twenty_clients_each_receive_everything_the_others_say()
    {
        await using var server = await TestServer.StartAsync();
        var nicks = Enumerable.Range(0, 20).Select(i => $"user{i}").ToArray();
        var clients = await server.LoginAllAsync(nicks);
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            for (var m = 0; m < 10; m++)
            {
                await c.SendAsync($"m{m} from {i}");
            }
        }));
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            var expected = nicks.Where((_, j) => j != i).SelectMany((n, _) => Enumerable.Range(0, 10).Select(m => $"#lobby <{n}> m{m} from {n[4..]}")).ToHashSet();
            var seen = new HashSet<string>();
            while (seen.Count < expected.Count)
            {
                var line = await c.NextAsync();
                Assert.Contains(line, expected);
                Assert.True(seen.Add(line), $"duplicate: {line}");
            }
        }));
    }

    [Fact]
    public async Task Every_member_sees_a_rooms_messages_in_one_order_with_consecutive_ids()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=0");
        var clients = await server.LoginAllAsync([.. Enumerable.Range(0, 8).Select(i => $"u{i}")]);
        foreach (var c in clients)
        {
            await c.SendAsync("/json");
            await c.SyncAsync();
        }
        const int Each = 100;
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            for (var m = 0; m < Each; m++)
            {
                await c.SendAsync($"{i}:{m}");
            }
        }));
        var orders = await Task.WhenAll(clients.Select(async c =>
        {
            var order = new List<(long Id, string Text)>();
            while (order.Count < Each * clients.Length)
            {
                var json = JsonDocument.Parse(await c.NextAsync()).RootElement;
                order.Add((json.GetProperty("id").GetInt64(), json.GetProperty("text").GetString()!));
            }
            return order;
        }));
        foreach (var order in orders)
        {
            Assert.Equal(orders[0], order);
        }
        Assert.Equal(Enumerable.Range(1, Each * clients.Length).Select(i => (long)i), orders[0].Select(o => o.Id));
        for (var i = 0; i < clients.Length; i++)
        {
            // Each sender's own messages keep the order it sent them in.
            Assert.Equal(Enumerable.Range(0, Each).Select(m => $"{i}:{m}"), orders[0].Select(o => o.Text).Where(t => t.StartsWith($"{i}:", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_client_that_never_reads_is_cut_while_the_others_get_every_message()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=0");
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;

        // A raw socket with a small receive buffer that registers and then never reads again.
        using var slow = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync("127.0.0.1", server.Port);
        await slow.SendAsync(Encoding.ASCII.GetBytes("slow\n"));
        await alice.ExpectAsync("#lobby -> slow joined");
        await bob.ExpectAsync("#lobby -> slow joined");

        // Bob talks, 50 lines between pings, until the slow client is cut (the kernel's socket
        // buffers hold a few MB first); alice, who reads, must get every line, in order.
        var payload = new string('x', 1000);
        var cut = new TaskCompletionSource();
        var sending = Task.Run(async () =>
        {
            var sent = 0;
            while (sent < 50_000 && !cut.Task.IsCompleted)
            {
                for (var i = 0; i < 50; i++, sent++)
                {
                    await bob.SendAsync($"{sent} {payload}");
                }
                await bob.SyncAsync();
            }
            return sent;
        });
        var seen = 0;
        async Task ReadOneAsync()
        {
            var line = await alice.NextAsync();
            if (line == "#lobby <- slow left (send queue exceeded)")
            {
                cut.TrySetResult();
            }
            else
            {
                Assert.Equal($"#lobby <bob> {seen} {payload}", line);
                seen++;
            }
        }
        while (!cut.Task.IsCompleted)
        {
            await ReadOneAsync();
        }
        var sent = await sending;
        while (seen < sent)
        {
            await ReadOneAsync();
        }
        Assert.Empty(await alice.SyncAsync());
    }

    [Fact]
    public async Task A_cut_client_that_reads_again_learns_why()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=0", "Chat:SendQueueLines=16", "Chat:HistoryOnJoin=5");
        var bob = await server.LoginAsync("bob");
        var slow = await TestClient.ConnectAsync(server.Port, read: false, receiveBuffer: 4096);
        await slow.SendAsync("slow");
        await bob.ExpectAsync("#lobby -> slow joined");
        await bob.SayUntilAsync("#lobby <- slow left (send queue exceeded)");
        var tail = Encoding.UTF8.GetString(await ReadAllAsync(slow.Socket));
        Assert.EndsWith("! send queue exceeded\r\n", tail, StringComparison.Ordinal);
        await slow.DisposeAsync();
    }

    [Fact]
    public async Task A_flooder_is_slowed_down_and_loses_nothing()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=20", "Chat:FloodBurst=5");
        var (alice, flooder) = await server.LoginAllAsync("alice", "flooder") is var c ? (c[0], c[1]) : default;
        var watch = Stopwatch.StartNew();
        var lines = string.Concat(Enumerable.Range(0, 45).Select(i => $"flood {i}\n"));
        await flooder.SendRawAsync(Encoding.ASCII.GetBytes(lines));
        for (var i = 0; i < 45; i++)
        {
            Assert.Equal($"#lobby <flooder> flood {i}", await alice.NextAsync());
        }
        // 40 lines past the burst at 20 a second cannot be read in less than two seconds.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"took only {watch.Elapsed}");
        Assert.Empty(await flooder.SyncAsync());
    }

    [Fact]
    public async Task A_client_killed_mid_line_leaves_and_its_partial_line_is_never_said()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendRawAsync(Encoding.ASCII.GetBytes("partial secr"));
        bob.Kill();
        var lines = await alice.ReadUntilAsync(l => l.StartsWith("#lobby <- bob left", StringComparison.Ordinal));
        Assert.Equal("#lobby <- bob left (connection lost)", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("secr", StringComparison.Ordinal));
        var newBob = await server.LoginAsync("bob");   // the nick is free again
        Assert.Empty(await newBob.SyncAsync());
    }

    [Fact]
    public async Task A_client_that_closes_cleanly_leaves_with_connection_closed()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        bob.Socket.Shutdown(SocketShutdown.Send);
        Assert.Equal("#lobby <- bob left (connection closed)", await alice.NextAsync());
    }

    private static async Task<byte[]> ReadAllAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TestClient.Timeout);
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            all.Write(buffer, 0, n);
        }
        return all.ToArray();
    }
}
