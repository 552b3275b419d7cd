using System.Net;
using ActorChat.Core;
using ActorChat.Server.Admission;
using ActorChat.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Tests.Admission;

public class ConnectionLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1"), B = IPAddress.Parse("10.0.0.2");

    private static ConnectionLimiter Limiter(ManualClock clock, int total = 100, int perAddress = 2, int perMinute = 0) =>
        new(Options.Create(new ChatOptions { MaxConnections = total, MaxConnectionsPerAddress = perAddress, MaxNewConnectionsPerAddressPerMinute = perMinute }), clock);

    [Fact]
    public void Admits_up_to_the_per_address_limit_and_again_after_a_release()
    {
        var limiter = Limiter(new ManualClock());
        Assert.Null(limiter.TryAdmit(A));
        Assert.Null(limiter.TryAdmit(A));
        Assert.Equal("2 connections from your address already", limiter.TryAdmit(A));
        Assert.Null(limiter.TryAdmit(B));
        limiter.Release(A);
        Assert.Null(limiter.TryAdmit(A));
    }

    [Fact]
    public void Refuses_beyond_the_total()
    {
        var limiter = Limiter(new ManualClock(), total: 2, perAddress: 0);
        Assert.Null(limiter.TryAdmit(A));
        Assert.Null(limiter.TryAdmit(B));
        Assert.Equal("the server is full (2 connections)", limiter.TryAdmit(A));
    }

    [Fact]
    public void Limits_new_connections_per_minute_in_a_sliding_window()
    {
        var clock = new ManualClock();
        var limiter = Limiter(clock, perAddress: 0, perMinute: 2);
        Assert.Null(limiter.TryAdmit(A));
        limiter.Release(A);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(limiter.TryAdmit(A));
        limiter.Release(A);
        Assert.Equal("more than 2 new connections a minute from your address", limiter.TryAdmit(A));
        clock.Advance(TimeSpan.FromSeconds(31));       // the first is a minute old now
        Assert.Null(limiter.TryAdmit(A));
    }
}
