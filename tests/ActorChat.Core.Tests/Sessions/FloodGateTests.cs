using ActorChat.Core.Sessions;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Core.Tests.Sessions;

public class FloodGateTests
{
    [Fact]
    public void A_burst_passes_at_once_then_lines_are_spaced_at_the_rate()
    {
        var clock = new ManualClock();
        var gate = new FloodGate(linesPerSecond: 10, burst: 3, clock);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], [gate.Take(), gate.Take(), gate.Take()]);
        Assert.Equal(TimeSpan.FromSeconds(0.1), gate.Take());
        Assert.Equal(TimeSpan.FromSeconds(0.2), gate.Take());
    }

    [Fact]
    public void Tokens_come_back_with_time_but_never_beyond_the_burst()
    {
        var clock = new ManualClock();
        var gate = new FloodGate(linesPerSecond: 10, burst: 3, clock);
        for (var i = 0; i < 3; i++)
        {
            gate.Take();
        }
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], [gate.Take(), gate.Take(), gate.Take()]);
        Assert.True(gate.Take() > TimeSpan.Zero);
    }
}
