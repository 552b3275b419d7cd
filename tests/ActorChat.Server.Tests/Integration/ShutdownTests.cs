using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class ShutdownTests
{
    [Fact]
    public async Task Stopping_tells_every_client_delivers_what_is_queued_and_closes()
    {
        var server = await TestServer.StartAsync();
        await using (server)
        {
            var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
            var silent = await TestClient.ConnectAsync(server.Port, read: false, receiveBuffer: 4096);   // never reads
            await bob.SendAsync("last words");
            await alice.ExpectAsync("#lobby <bob> last words");
            await server.StopAsync();
            Assert.Equal(["* server shutting down"], await alice.ReadToEndAsync());
            Assert.Equal(["* server shutting down"], await bob.ReadToEndAsync());
            await silent.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_new_server_binds_the_same_port_at_once()
    {
        int port;
        await using (var first = await TestServer.StartAsync())
        {
            port = first.Port;
            var c = await first.LoginAllAsync("alice", "bob");
            await c[0].SendAsync("hello");
            await c[1].ExpectAsync("#lobby <alice> hello");
        }
        await using var second = await TestServer.StartAsync($"Chat:Port={port}");
        Assert.Equal(port, second.Port);
        var alice = await second.LoginAsync("alice");
        Assert.Empty(await alice.SyncAsync());
    }

    [Fact]
    public async Task Sigterm_makes_the_process_say_goodbye_and_exit_with_status_zero()
    {
        await using var process = await ServerProcess.StartAsync();
        var client = await TestClient.ConnectAsync(process.Port);
        await client.ExpectAsync("* Choose a nick:");
        process.Terminate();
        Assert.Equal(["* server shutting down"], await client.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Udp_can_be_turned_off_and_the_listening_line_says_so()
    {
        await using var process = await ServerProcess.StartAsync("--udp-port", "-1");
        Assert.Matches(@"^listening tcp=127\.0\.0\.1:\d+ udp=off tls=off http=off irc=127\.0\.0\.1:\d+ ircs=off$", process.ListeningLine);
    }
}
