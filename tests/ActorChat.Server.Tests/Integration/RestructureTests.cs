using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Over loopback: the behaviours that came with the one-broker, many-front-ends restructure.</summary>
public class RestructureTests
{
    [Fact]
    public async Task Extra_words_after_a_nick_or_a_room_are_a_usage_error_and_change_nothing()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/nick John Smith");
        await bob.SendAsync("/join dev room");
        await bob.SendAsync("/who");
        Assert.Equal(["! usage: /nick NAME", "! usage: /join ROOM", "* #lobby (1 user): bob"], await bob.SyncAsync());
    }

    [Fact]
    public async Task Who_is_paged_a_hundred_nicks_a_page_in_the_order_they_joined()
    {
        await using var server = await TestServer.StartAsync("Chat:RoomNoticeLimit=0");
        var clients = new List<TestClient>();
        for (var i = 0; i < 120; i++)
        {
            clients.Add(await server.LoginAsync($"u{i:D3}"));
        }
        var asker = clients[0];
        await asker.SyncAsync();
        await asker.SendAsync("/who #lobby 2");
        await asker.SendAsync("/who 3");
        await asker.SendAsync("/rooms 2");
        Assert.Equal(
            ["* #lobby (120 users, page 2 of 2): " + string.Join(' ', Enumerable.Range(100, 20).Select(i => $"u{i:D3}")),
             "! no page 3: #lobby has 2 pages", "! no page 2: there is 1 page of rooms"],
            await asker.SyncAsync());
    }

    [Fact]
    public async Task The_welcome_counts_the_lobby_as_a_room_even_when_nobody_is_in_it()
    {
        await using var server = await TestServer.StartAsync();
        var first = await server.ConnectAsync();
        Assert.Equal("* Welcome to ActorChat 1.0. 0 users online in 1 room.", await first.NextAsync());
    }

    [Fact]
    public async Task A_new_room_past_max_rooms_is_refused_with_the_bound()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxRooms=2");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await bob.SendAsync("/join ops");
        Assert.Equal(["#dev -> bob joined", "! the server has 2 rooms already: join an existing one"], await bob.SyncAsync());
    }

    [Fact]
    public async Task A_plain_line_sent_right_behind_the_nick_is_said_not_taken_as_a_nick()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginAsync("alice");
        var bob = await server.ConnectAsync();
        await bob.ExpectAsync("* Choose a nick:");
        await bob.SendRawAsync("bob\nhello right away\n"u8.ToArray());
        await alice.ExpectAsync("#lobby -> bob joined");
        Assert.Equal("#lobby <bob> hello right away", await alice.NextAsync());
    }

    [Fact]
    public async Task A_room_not_in_udp_rooms_is_not_mirrored()
    {
        await using var server = await TestServer.StartAsync("Chat:UdpRooms=dev");
        using var listener = new UdpListener(server.Udp!);
        await listener.SendAsync("SUB lobby xxxxxxxx");
        Assert.Equal("ERR #lobby is not mirrored", await listener.ReceiveAsync());
        await listener.SendAsync("SUB dev");
        Assert.StartsWith("COOKIE ", await listener.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_refusals_carry_a_code_so_programs_need_not_read_the_english()
    {
        await using var server = await TestServer.StartAsync();
        await server.LoginAsync("alice");
        var bob = await server.ConnectAsync();
        await bob.ExpectAsync("* Choose a nick:");
        await bob.SendAsync("/json");
        await bob.SendAsync("alice");
        var refusal = await bob.ExpectAsync(l => l.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Equal("""{"type":"error","text":"nick 'alice' is taken; choose another:","code":"nick-taken"}""", refusal);
    }

    [Fact]
    public async Task Listeners_requests_are_answered_during_and_after_a_burst_that_overflows_the_mirror()
    {
        await using var server = await TestServer.StartAsync();
        var mirror = server.Get<ActorChat.Server.Udp.UdpMirror>();
        using var busy = new UdpListener(server.Udp!);
        await busy.SubscribeAsync("lobby");
        using var asking = new UdpListener(server.Udp!);
        using var stop = new CancellationTokenSource();
        // Far faster than the mirror can send: its drop-oldest mailbox overflows for as long as this runs.
        var burst = Task.Run(() =>
        {
            var said = ActorChat.Core.Chat.Events.RoomEvent.Message("lobby", "flood", "x", 1);
            while (!stop.IsCancellationRequested)
            {
                mirror.Publish(said);
            }
        });
        try
        {
            await asking.SendAsync("SUB lobby");
            Assert.StartsWith("COOKIE ", await asking.ReceiveAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await burst;
        }
        using var after = new UdpListener(server.Udp!);
        await after.SendAsync("SUB lobby");
        Assert.StartsWith("COOKIE ", await after.ReceiveAsync(), StringComparison.Ordinal);
    }
}
