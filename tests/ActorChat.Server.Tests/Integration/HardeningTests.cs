using System.Diagnostics;
using System.Net;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

[Collection(Serial.Name)]
public class HardeningTests
{
    [FactNeeding("iptables")]
    public async Task A_peer_that_vanishes_without_fin_or_rst_is_reaped_by_keepalive_and_its_nick_freed()
    {
        SystemTools.Require("iptables");
        await using var server = await TestServer.StartAsync("Chat:KeepAliveIdleSeconds=1", "Chat:KeepAliveIntervalSeconds=1", "Chat:KeepAliveProbes=2");
        var (alice, ghost) = await server.LoginAllAsync("alice", "ghost") is var c ? (c[0], c[1]) : default;
        // From now on nothing the ghost's socket sends reaches the server, not even the ACKs of keepalive probes:
        // the server sees exactly what a pulled cable or a dead host looks like.
        var rule = $"INPUT -i lo -p tcp --sport {((IPEndPoint)ghost.Socket.LocalEndPoint!).Port} -j DROP".Split(' ');
        Iptables(["-I", .. rule]);
        try
        {
            Assert.Equal("#lobby <- ghost left (connection lost)", await alice.NextAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Iptables(["-D", .. rule]);
        }
        var newGhost = await server.LoginAsync("ghost");
        Assert.Empty(await newGhost.SyncAsync());
    }

    [Fact]
    public async Task A_storm_of_5000_connects_is_served_or_refused_with_a_reason_while_chat_goes_on()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxConnections=1000");
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        var welcomed = 0;
        var refused = 0;
        var storm = Task.WhenAll(Enumerable.Range(0, 5000).Select(async _ =>
        {
            var client = await TestClient.ConnectAsync(server.Port);
            var first = await client.NextAsync();
            if (first.StartsWith("* Welcome", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref welcomed);
            }
            else
            {
                Assert.Equal("! too many connections: the server is full (1000 connections)", first);
                Interlocked.Increment(ref refused);
            }
            await client.DisposeAsync();
        }));
        var said = 0;
        while (!storm.IsCompleted)
        {
            await alice.SendAsync($"still here {said}");
            Assert.Equal($"#lobby <alice> still here {said++}", await bob.NextAsync());
        }
        await storm;
        Assert.Equal(5000, welcomed + refused);
        Assert.True(welcomed > 0 && said > 0);
    }

    [Fact]
    public async Task Near_the_open_file_limit_connections_are_refused_with_a_reason_and_nothing_breaks()
    {
        // 300 descriptors: the runtime holds about 125, so 44 connections fit under the limit and its reserve.
        await using var server = await ServerProcess.StartAsync(openFiles: 300, "--Chat:MaxNewConnectionsPerAddressPerMinute=0");
        var clients = new List<TestClient>();
        for (var i = 0; i < 250; i++)
        {
            clients.Add(await TestClient.ConnectAsync(server.Port));
        }
        var firstLines = await Task.WhenAll(clients.Select(c => c.NextAsync(TimeSpan.FromSeconds(60))));
        Assert.Equal(44, firstLines.Count(l => l.StartsWith("* Welcome", StringComparison.Ordinal)));
        Assert.All(firstLines.Where(l => !l.StartsWith("* Welcome", StringComparison.Ordinal)),
            l => Assert.Equal("! too many connections: the server is full (44 connections)", l));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        // The server frees the slots as it notices the closes; a client turned away meanwhile tries again.
        var late = await TestClient.ConnectAsync(server.Port);
        for (var attempt = 0; (await late.NextAsync()).StartsWith("! too many connections", StringComparison.Ordinal); attempt++)
        {
            Assert.True(attempt < 100, "the server never let a new client in again");
            await late.DisposeAsync();
            await Task.Delay(100);
            late = await TestClient.ConnectAsync(server.Port);
        }
        await late.ExpectAsync("* Choose a nick:");
        await late.SendAsync("/json");
        await late.SendAsync("late");
        await late.ExpectAsync(l => l.Contains("\"type\":\"welcome\"", StringComparison.Ordinal));
        await late.DisposeAsync();

        var log = File.ReadAllLines(server.LogPath);
        Assert.Contains(log, l => l.Contains("(connections admitted: 44;", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(" ERROR ", StringComparison.Ordinal));
        // If accept still ran out (refused sockets linger briefly), it backed off rather than spinning.
        Assert.InRange(log.Count(l => l.Contains("accept failed", StringComparison.Ordinal)), 0, 100);
    }

    private static void Iptables(string[] args)
    {
        var start = new ProcessStartInfo("iptables") { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"iptables {string.Join(' ', args)} failed: {error}");
    }
}
