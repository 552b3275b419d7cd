using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class UdpMirrorTests
{
    [Fact]
    public async Task The_two_step_handshake_gives_a_cookie_then_starts_mirroring()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        await listener.SendAsync("SUB #lobby");
        var cookie = await listener.ReceiveAsync();
        Assert.Matches("^COOKIE [A-Za-z0-9_-]{8}$", cookie);
        await listener.SendAsync($"sub lobby {cookie[7..]}");
        Assert.Equal("OK #lobby 60", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task A_listener_that_ends_its_requests_with_a_newline_as_nc_does_gets_newline_ended_datagrams()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        await listener.SendAsync("SUB lobby\n");
        var cookie = await listener.ReceiveAsync();
        Assert.Matches("^COOKIE [A-Za-z0-9_-]{8}\n$", cookie);
        await listener.SendAsync($"SUB lobby {cookie[7..^1]}\n");
        Assert.Equal("OK #lobby 60\n", await listener.ReceiveAsync());
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("short");
        await alice.SendAsync(new string('y', 2000));
        Assert.Equal("1 #lobby -> alice joined\n", await listener.ReceiveAsync());
        Assert.Equal("2 #lobby <alice> short\n", await listener.ReceiveAsync());
        var cut = await listener.ReceiveBytesAsync();
        Assert.Equal(1200, cut.Length);
        Assert.EndsWith("y…\n", Encoding.UTF8.GetString(cut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Room_events_are_mirrored_with_consecutive_sequence_numbers_and_no_history()
    {
        await using var server = await TestServer.StartAsync();
        // The mirror takes room events and requests on their own: once the witness has the line, it is
        // behind the mirror, and the listener's subscription comes after it.
        using var witness = new UdpListener(server.Udp);
        await witness.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("said before anyone listened");
        Assert.Equal("1 #lobby -> alice joined", await witness.ReceiveAsync());
        Assert.Equal("2 #lobby <alice> said before anyone listened", await witness.ReceiveAsync());
        using var listener = new UdpListener(server.Udp);
        await listener.SubscribeAsync("lobby");

        var bob = await server.LoginAsync("bob");        // bob is replayed the history: that is not mirrored
        Assert.Equal("1 #lobby -> bob joined", await listener.ReceiveAsync());
        await alice.SendAsync("hello");
        await alice.SendAsync("/me waves");
        Assert.Equal("2 #lobby <alice> hello", await listener.ReceiveAsync());
        Assert.Equal("3 #lobby * alice waves", await listener.ReceiveAsync());
        // Two connections are ordered only by waiting: bob acts once alice's lines have been mirrored.
        await bob.SendAsync("/nick robert");
        await bob.SendAsync("/quit bye");
        Assert.Equal("4 #lobby ~ bob is now robert", await listener.ReceiveAsync());
        Assert.Equal("5 #lobby <- robert left (bye)", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task An_address_that_never_echoed_its_cookie_gets_no_traffic()
    {
        await using var server = await TestServer.StartAsync();
        using var half = new UdpListener(server.Udp);
        using var full = new UdpListener(server.Udp);
        await half.SendAsync("SUB lobby");
        Assert.StartsWith("COOKIE ", await half.ReceiveAsync(), StringComparison.Ordinal);
        await half.SendAsync("SUB lobby AAAAAAAA");        // a wrong cookie
        Assert.Equal("ERR bad or old cookie: send SUB ROOM for a new one", await half.ReceiveAsync());
        await full.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("marker");
        await full.ReceiveAsync();
        Assert.Equal("2 #lobby <alice> marker", await full.ReceiveAsync());
        // Both datagrams for the marker came from one pump, the half listener's turn first or never.
        Assert.Equal(0, half.Available);
    }

    [Fact]
    public async Task An_unverified_address_gets_at_most_three_times_the_bytes_it_sent()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        await listener.SendAsync("SUB a");                // 5 bytes: the answer must fit in 15
        var answer = await listener.ReceiveBytesAsync();
        Assert.True(answer.Length <= 15, $"{answer.Length} bytes");
        Assert.StartsWith("COOKIE ", Encoding.UTF8.GetString(answer), StringComparison.Ordinal);

        await listener.SendAsync("x");                    // the usage error would be far longer: no answer
        await listener.SendAsync("SUB");
        await listener.SendAsync("UNSUB a");              // answered, and in order: nothing came before it
        Assert.Equal("BYE #a", await listener.ReceiveAsync());

        await listener.SendAsync("SUB bad!room");
        Assert.Equal("ERR bad room name", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task A_subscription_expires_unless_renewed_and_renewal_keeps_the_sequence()
    {
        var clock = new ManualClock();
        await using var server = await TestServer.StartAsync(clock, "Chat:FloodLinesPerSecond=0");
        using var listener = new UdpListener(server.Udp);
        var cookie = await listener.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");

        await alice.SendAsync("m1");
        Assert.Equal("1 #lobby -> alice joined", await listener.ReceiveAsync());
        Assert.Equal("2 #lobby <alice> m1", await listener.ReceiveAsync());
        clock.Advance(TimeSpan.FromSeconds(40));
        await listener.SendAsync($"SUB lobby {cookie}");
        Assert.Equal("OK #lobby 60", await listener.ReceiveAsync());
        clock.Advance(TimeSpan.FromSeconds(40));           // 80 s after the first SUB, 40 after the renewal
        await alice.SendAsync("m2");
        Assert.Equal("3 #lobby <alice> m2", await listener.ReceiveAsync());

        clock.Advance(TimeSpan.FromSeconds(61));           // past the TTL with no renewal
        using var witness = new UdpListener(server.Udp);
        await witness.SubscribeAsync("lobby");
        await alice.SendAsync("m3");
        Assert.Equal("1 #lobby <alice> m3", await witness.ReceiveAsync());
        Assert.Equal(0, listener.Available);
    }

    [Fact]
    public async Task Unsub_says_bye_and_stops_the_mirror()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        using var witness = new UdpListener(server.Udp);
        await listener.SubscribeAsync("lobby");
        await witness.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");
        Assert.Equal("1 #lobby -> alice joined", await listener.ReceiveAsync());
        Assert.Equal("1 #lobby -> alice joined", await witness.ReceiveAsync());
        await listener.SendAsync("UNSUB #lobby");
        Assert.Equal("BYE #lobby", await listener.ReceiveAsync());
        await listener.SendAsync("UNSUB dev");             // never subscribed: bye all the same
        Assert.Equal("BYE #dev", await listener.ReceiveAsync());
        await alice.SendAsync("after");
        Assert.Equal("2 #lobby <alice> after", await witness.ReceiveAsync());
        Assert.Equal(0, listener.Available);
    }

    [Fact]
    public async Task A_long_line_is_cut_to_1200_bytes_of_valid_utf8()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        await listener.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");
        Assert.Equal("1 #lobby -> alice joined", await listener.ReceiveAsync());
        await alice.SendAsync(new string('你', 1300));
        var datagram = await listener.ReceiveBytesAsync();
        Assert.True(datagram.Length <= 1200, $"{datagram.Length} bytes");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(datagram);
        Assert.StartsWith("2 #lobby <alice> 你你", text, StringComparison.Ordinal);
        Assert.EndsWith("你…", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_never_reads_does_not_slow_the_room()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=0");
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        using var deaf = new UdpListener(server.Udp, receiveBuffer: 2048);
        await deaf.SubscribeAsync("lobby");
        var payload = new string('z', 1000);
        for (var batch = 0; batch < 40; batch++)
        {
            for (var i = 0; i < 50; i++)
            {
                await bob.SendAsync($"{batch * 50 + i} {payload}");
            }
            await bob.SyncAsync();
        }
        for (var i = 0; i < 2000; i++)
        {
            Assert.Equal($"#lobby <bob> {i} {payload}", await alice.NextAsync());
        }
    }

    [Fact]
    public async Task Every_mirrored_line_also_goes_to_the_broadcast_address()
    {
        using var target = new UdpListener(null);
        await using var server = await TestServer.StartAsync($"Chat:UdpBroadcastTo={target.EndPoint}");
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("to everyone");
        Assert.Equal("1 #lobby -> alice joined", await target.ReceiveAsync());
        Assert.Equal("2 #lobby <alice> to everyone", await target.ReceiveAsync());
    }

    [Fact]
    public async Task Garbage_datagrams_never_hurt_the_mirror()
    {
        await using var server = await TestServer.StartAsync();
        using var listener = new UdpListener(server.Udp);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(0, 600)];
            random.NextBytes(garbage);
            await listener.SendAsync(garbage);
        }
        // A burst can overflow the kernel's buffer, and UDP may drop a request: ask again, as a UDP client does.
        using var fresh = new UdpListener(server.Udp);
        string? answer = null;
        for (var attempt = 0; attempt < 20 && answer is null; attempt++)
        {
            await fresh.SendAsync("UNSUB lobby");
            answer = await fresh.TryReceiveAsync(TimeSpan.FromSeconds(1));
        }
        Assert.Equal("BYE #lobby", answer);
        await fresh.SubscribeAsync("lobby");
        var alice = await server.LoginAsync("alice");
        Assert.Equal("1 #lobby -> alice joined", await fresh.ReceiveAsync());
    }

    [Fact]
    public async Task Udp_port_minus_one_turns_the_mirror_off()
    {
        await using var server = await TestServer.StartAsync("Chat:UdpPort=-1");
        Assert.Null(server.Udp);
        var alice = await server.LoginAsync("alice");
        Assert.Empty(await alice.SyncAsync());
    }

    [Fact]
    public async Task Listeners_over_the_limit_are_refused_and_renewals_still_work()
    {
        await using var server = await TestServer.StartAsync("Chat:UdpMaxListeners=1");
        using var first = new UdpListener(server.Udp);
        using var second = new UdpListener(server.Udp);
        var cookie = await first.SubscribeAsync("lobby");
        await second.SendAsync("SUB lobby");
        var secondCookie = (await second.ReceiveAsync())[7..];
        await second.SendAsync($"SUB lobby {secondCookie}");
        Assert.Equal("ERR the server has 1 listeners already; try later", await second.ReceiveAsync());
        await first.SendAsync($"SUB lobby {cookie}");
        Assert.Equal("OK #lobby 60", await first.ReceiveAsync());
    }
}
