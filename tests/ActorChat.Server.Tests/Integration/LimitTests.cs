using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class LimitTests
{
    [Fact]
    public async Task Connections_over_the_per_address_limit_are_refused_with_the_reason()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxConnectionsPerAddress=2");
        var first = await server.ConnectAsync();
        var second = await server.ConnectAsync();
        await first.ExpectAsync("* Choose a nick:");
        await second.ExpectAsync("* Choose a nick:");
        var third = await server.ConnectAsync();
        var lines = await third.ReadToEndAsync();
        Assert.Equal(["! too many connections: 2 connections from your address already"], lines);
        Assert.Empty(await first.SyncAsync());     // the others are untouched
    }

    [Fact]
    public async Task Connections_over_the_server_limit_are_refused_with_the_reason()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxConnections=1");
        var first = await server.ConnectAsync();
        await first.ExpectAsync("* Choose a nick:");
        var second = await server.ConnectAsync();
        Assert.Equal(["! too many connections: the server is full (1 connections)"], await second.ReadToEndAsync());
    }

    [Fact]
    public async Task New_connections_over_the_per_minute_rate_are_refused_even_when_earlier_ones_closed()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxNewConnectionsPerAddressPerMinute=3");
        for (var i = 0; i < 3; i++)
        {
            var client = await server.ConnectAsync();
            await client.ExpectAsync("* Choose a nick:");
            await client.SendAsync("/quit");
            await client.ReadToEndAsync();
        }
        var fourth = await server.ConnectAsync();
        Assert.Equal(["! too many connections: more than 3 new connections a minute from your address"], await fourth.ReadToEndAsync());
    }
}
