using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

[Collection(Serial.Name)]
public class ScaleTests
{
    [Fact]
    public async Task Two_thousand_clients_in_one_room_all_receive_a_message()
    {
        await using var server = await TestServer.StartAsync();
        const int Clients = 2000;
        var clients = new TestClient[Clients];
        using var gate = new SemaphoreSlim(100);
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                clients[i] = await server.LoginAsync($"c{i}");
            }
            finally
            {
                gate.Release();
            }
        }));
        var speaker = await server.LoginAsync("speaker");
        await speaker.SendAsync("hello, everyone");
        await Task.WhenAll(clients.Select(c => c.ExpectAsync("#lobby <speaker> hello, everyone", TimeSpan.FromSeconds(60))));
    }

    [Fact]
    public async Task A_50_MiB_line_without_an_end_does_not_grow_the_servers_memory()
    {
        await using var process = await ServerProcess.StartAsync();
        var client = await TestClient.ConnectAsync(process.Port);
        await client.ExpectAsync("* Choose a nick:");
        await client.SendAsync("alice");
        await client.SyncAsync();
        var before = process.ResidentBytes();

        var chunk = Encoding.ASCII.GetBytes(new string('z', 64 * 1024));
        for (var sent = 0; sent < 50 * 1024 * 1024; sent += chunk.Length)
        {
            await client.SendRawAsync(chunk);
        }
        await client.SendRawAsync("\n"u8.ToArray());
        Assert.Equal(["! line too long (max 4096 bytes)"], await client.SyncAsync());
        var growth = process.ResidentBytes() - before;
        Assert.True(growth < 16 * 1024 * 1024, $"resident memory grew by {growth / 1024} KiB");
        await client.DisposeAsync();
    }
}
