using ActorChat.Bench;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

[Collection(Serial.Name)]
public class SoakTests
{
    [Fact]
    public async Task A_60_second_soak_of_hostile_and_broken_clients_keeps_every_invariant()
    {
        await using var server = await ServerProcess.StartAsync("--Chat:MaxNewConnectionsPerAddressPerMinute=0");
        var report = await new SoakRun(new BenchOptions
        {
            Port = server.Port,
            UdpPort = server.UdpPort,
            Seconds = 60,
            Clients = 150,
            Observers = 3,
            Pid = server.Pid,
            Log = server.LogPath,
        }).RunAsync();
        report.Print();
        Assert.True(report.InvariantsHold, string.Join("; ", report.Broken));
        Assert.True(report.MessagesAccepted > 1000, $"only {report.MessagesAccepted} messages were confirmed: the soak did not really run");
        Assert.True(report.Disconnects.Keys.Count >= 2, "the chaos clients should have left in more than one way");
    }
}
