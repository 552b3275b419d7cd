using ActorChat.Core.Storage;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Over loopback: server operators (kill, bans, wall) and room operators (op, kick, room bans, mute, modes, invite, claim).</summary>
public class ModerationTests
{
    private const string Root = "Chat:Operators=root";

    [Fact]
    public async Task A_server_operator_kills_and_the_rooms_see_it()
    {
        await using var server = await TestServer.StartAsync(Root);
        var root = await server.LoginRegisteredAsync("root");
        var (bob, carol) = await server.LoginAllAsync("bob", "carol") is var c ? (c[0], c[1]) : default;
        await root.SyncAsync();
        await root.SendAsync("/kill bob spamming");
        Assert.Equal(["#lobby <- bob was removed from the server by root (spamming)"], await root.SyncAsync());
        Assert.Equal("! killed by root: spamming", (await bob.ReadToEndAsync()).Last());
        await carol.ExpectAsync("#lobby <- bob was removed from the server by root (spamming)");
    }

    [Fact]
    public async Task Server_operator_commands_are_refused_to_everyone_else()
    {
        await using var server = await TestServer.StartAsync(Root);
        var bob = await server.LoginRegisteredAsync("bob");
        foreach (var command in (string[])["/kill bob", "/ban carol", "/unban carol", "/bans", "/wall hello"])
        {
            await bob.SendAsync(command);
        }
        Assert.Equal(Enumerable.Repeat("! you are not a server operator", 5), await bob.SyncAsync());
    }

    [Fact]
    public async Task A_nick_ban_closes_the_member_refuses_it_at_login_is_listed_and_lifted()
    {
        await using var server = await TestServer.StartAsync(Root);
        var root = await server.LoginRegisteredAsync("root");
        var bob = await server.LoginAsync("bob");
        await root.SyncAsync();
        await root.SendAsync("/ban bob 2h flooding the lobby");
        Assert.Equal(["#lobby <- bob was removed from the server by root (flooding the lobby)", "* banned bob; 1 connection closed"], await root.SyncAsync());
        Assert.Equal("! you are banned: flooding the lobby", (await bob.ReadToEndAsync()).Last());

        var again = await server.ConnectAsync();
        await again.ExpectAsync("* Choose a nick:");
        await again.SendAsync("bob");
        Assert.Equal(["! you are banned: flooding the lobby"], await again.ReadToEndAsync());
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/nick bob");
        Assert.Equal(["! you are banned: flooding the lobby"], await carol.SyncAsync());
        await root.ExpectAsync("#lobby -> carol joined");

        await root.SendAsync("/bans");
        var bans = await root.SyncAsync();
        Assert.Equal("* 1 ban:", bans[0]);
        Assert.Matches(@"^\* bob by root, until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: flooding the lobby$", bans[1]);
        await root.SendAsync("/unban bob");
        await root.SendAsync("/unban bob");
        await root.SendAsync("/bans");
        Assert.Equal(["* ban on bob lifted", "! no ban on 'bob'", "* no bans"], await root.SyncAsync());
        await server.LoginAsync("bob");
    }

    [Fact]
    public async Task An_address_ban_refuses_connections_and_udp_subscriptions_at_once_but_spares_operators()
    {
        await using var server = await TestServer.StartAsync(Root);
        var root = await server.LoginRegisteredAsync("root");
        await root.SendAsync("/ban 127.0.0.0/8 local trouble");
        Assert.Equal(["* banned 127.0.0.0/8; 0 connections closed"], await root.SyncAsync());
        await using var refused = await TestClient.ConnectAsync(server.Port);
        Assert.Equal(["! you are banned: local trouble"], await refused.ReadToEndAsync());
        using var listener = new UdpListener(server.Udp);
        await listener.SendAsync("SUB #lobby");
        Assert.Equal("ERR you are banned", await listener.ReceiveAsync());
        await root.SendAsync("/ban nonsense/99");
        Assert.Equal(["! invalid mask 'nonsense/99' (a nick, account:NAME, an IP address or a CIDR range)"], await root.SyncAsync());
    }

    [Fact]
    public async Task Over_tls_a_banned_address_is_told_why_after_the_handshake_and_whois_says_tls()
    {
        var data = Directory.CreateTempSubdirectory("actorchat-ban-tls-");
        try
        {
            await using var server = await TestServer.StartAsync(Root, "Chat:TlsPort=0", $"Chat:DataDirectory={data.FullName}");
            var root = await server.LoginOverTlsAsync("root");
            await root.SendAsync("/register secret-pw");
            await root.SendAsync("/whois root");
            Assert.Matches(@"connected \d+ s ago over tls; server operator$", (await root.SyncAsync())[^1]);
            await root.SendAsync("/ban 127.0.0.1 no tls either");
            await root.SyncAsync();
            await using var refused = await TestClient.ConnectTlsAsync(server.TlsPort, server.Fingerprint);
            Assert.Equal(["! you are banned: no tls either"], await refused.ReadToEndAsync());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_account_ban_refuses_the_account_at_login()
    {
        await using var server = await TestServer.StartAsync(Root);
        await server.RegisterAndLeaveAsync("bob");
        var root = await server.LoginRegisteredAsync("root");
        await root.SendAsync("/ban account:bob");
        Assert.Equal(["* banned account:bob; 0 connections closed"], await root.SyncAsync());
        var bob = await server.ConnectAsync();
        await bob.ExpectAsync("* Choose a nick:");
        await bob.SendAsync("/identify bob secret-pw");
        Assert.Equal(["* you are identified as bob", "! you are banned"], await bob.ReadToEndAsync());
    }

    [Fact]
    public async Task Bans_and_accounts_survive_a_restart()
    {
        var store = new MemoryModerationStore();
        await using (var first = await TestServer.StartAsync(null, store, Root))
        {
            var root = await first.LoginRegisteredAsync("root");
            await root.SendAsync("/ban bob troll");
            await root.SyncAsync();
        }
        await using var second = await TestServer.StartAsync(null, store, Root);
        var bob = await second.ConnectAsync();
        await bob.ExpectAsync("* Choose a nick:");
        await bob.SendAsync("bob");
        Assert.Equal(["! you are banned: troll"], await bob.ReadToEndAsync());
        var again = await second.IdentifyAsync("root");
        await again.SendAsync("/bans");
        Assert.Equal("* bob by root: troll", (await again.SyncAsync())[1]);
    }

    [Fact]
    public async Task Accounts_bans_and_claimed_rooms_survive_a_restart_in_the_sqlite_store()
    {
        var data = Directory.CreateTempSubdirectory("actorchat-moderation-");
        try
        {
            string[] settings = [Root, $"Chat:DataDirectory={data.FullName}", "Chat:Database=actorchat.db"];
            await using (var first = await TestServer.StartAsync(settings))
            {
                var root = await first.LoginRegisteredAsync("root");
                await root.SendAsync("/ban bob troll");
                await root.SendAsync("/join #dev");
                await root.SendAsync("/claim");
                await root.SendAsync("/topic On disk");
                await root.SyncAsync();
            }
            await using var second = await TestServer.StartAsync(settings);
            var bob = await second.ConnectAsync();
            await bob.ExpectAsync("* Choose a nick:");
            await bob.SendAsync("bob");
            Assert.Equal(["! you are banned: troll"], await bob.ReadToEndAsync());
            var again = await second.IdentifyAsync("root");
            await again.SendAsync("/join #dev");
            Assert.Equal(["#dev -> root joined", "* #dev topic: On disk (set by root)"], await again.SyncAsync());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_ban_expires_on_time()
    {
        var clock = new ManualClock();
        await using var server = await TestServer.StartAsync(clock, Root);
        var root = await server.LoginRegisteredAsync("root");
        await root.SendAsync("/ban bob 10m cool off");
        await root.SyncAsync();
        var early = await server.ConnectAsync();
        await early.ExpectAsync("* Choose a nick:");
        await early.SendAsync("bob");
        Assert.Equal(["! you are banned: cool off"], await early.ReadToEndAsync());
        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await server.LoginAsync("bob");
        await root.SendAsync("/bans");
        Assert.Equal("* no bans", (await root.SyncAsync())[^1]);
    }

    [Fact]
    public async Task Wall_reaches_everyone()
    {
        await using var server = await TestServer.StartAsync(Root);
        var root = await server.LoginRegisteredAsync("root");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join #elsewhere");
        await bob.SyncAsync();
        await root.SendAsync("/wall restart at noon");
        await bob.ExpectAsync("[wall] <root> restart at noon");
        Assert.Contains("[wall] <root> restart at noon", await root.SyncAsync());
    }

    [Fact]
    public async Task The_first_member_of_a_new_room_is_its_operator_and_kicks()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await alice.SendAsync("/join #dev");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SyncAsync();
        await alice.ExpectAsync("#dev -> bob joined");
        await bob.SendAsync("/who");
        await bob.SendAsync("/kick alice");
        Assert.Equal(["* #dev (2 users): @alice bob", "! you are not an operator of #dev"], await bob.SyncAsync());

        await alice.SendAsync("/kick bob behave");
        Assert.Equal(["#dev <- bob was kicked by alice (behave)"], await alice.SyncAsync());
        Assert.Equal(["#dev <- bob was kicked by alice (behave)", "* your current room is now #lobby"], await bob.SyncAsync());
        await alice.SendAsync("/kick carol");
        Assert.Equal(["! carol is not in #dev"], await alice.SyncAsync());
    }

    [Fact]
    public async Task Op_and_deop()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await InDevAsync(server);
        await alice.SendAsync("/op bob");
        await alice.SendAsync("/who");
        Assert.Equal(["#dev ~ alice sets mode +o bob", "* #dev (2 users): @alice @bob"], await alice.SyncAsync());
        await bob.ExpectAsync("#dev ~ alice sets mode +o bob");
        await bob.SendAsync("/deop alice");
        Assert.Equal(["#dev ~ bob sets mode -o alice"], await bob.SyncAsync());
        await alice.SendAsync("/op bob");
        Assert.Equal(["#dev ~ bob sets mode -o alice", "! you are not an operator of #dev"], await alice.SyncAsync());
    }

    [Fact]
    public async Task Room_operator_commands_are_refused_to_other_members()
    {
        await using var server = await TestServer.StartAsync();
        var (_, bob) = await InDevAsync(server);
        string[] commands = ["/op bob", "/deop alice", "/kick alice", "/ban #dev alice", "/unban #dev alice", "/bans #dev", "/mute alice", "/unmute alice",
            "/mode +i", "/mode #dev -t", "/invite alice"];
        foreach (var command in commands)
        {
            await bob.SendAsync(command);
        }
        await bob.SendAsync("/claim");
        Assert.Equal([.. Enumerable.Repeat("! you are not an operator of #dev", commands.Length), "! identify first: /identify [NICK] PASSWORD"], await bob.SyncAsync());
    }

    [Fact]
    public async Task A_room_ban_kicks_and_refuses_the_join_until_lifted()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await InDevAsync(server);
        await alice.SendAsync("/ban #dev bob off-topic");
        Assert.Equal(["#dev ~ alice sets mode +b bob", "#dev <- bob was kicked by alice (off-topic)"], await alice.SyncAsync());
        await bob.SendAsync("/join #dev");
        var seen = await bob.SyncAsync();
        Assert.Equal("! you are banned from #dev: off-topic", seen[^1]);
        await alice.SendAsync("/bans #dev");
        await alice.SendAsync("/unban #dev bob");
        var lines = await alice.SyncAsync();
        Assert.Equal(["* 1 ban in #dev:", "* bob by alice: off-topic", "#dev ~ alice sets mode -b bob"], lines);
        await bob.SendAsync("/join #dev");
        Assert.Equal("#dev -> bob joined", (await bob.SyncAsync())[^1]);
    }

    [Fact]
    public async Task A_muted_member_reads_but_cannot_speak()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await InDevAsync(server);
        await alice.SendAsync("/mute bob");
        Assert.Equal(["#dev ~ alice sets mode +q bob"], await alice.SyncAsync());
        await bob.ExpectAsync("#dev ~ alice sets mode +q bob");
        await bob.SendAsync("let me talk");
        await bob.SendAsync("/me sulks");
        Assert.Equal(["! you are muted in #dev", "! you are muted in #dev"], await bob.SyncAsync());
        await alice.SendAsync("still reading?");
        await bob.ExpectAsync("#dev <alice> still reading?");
        await alice.SendAsync("/unmute bob");
        await alice.SyncAsync();
        await bob.SendAsync("thanks");
        await alice.ExpectAsync("#dev <bob> thanks");
    }

    [Fact]
    public async Task An_invite_only_room_takes_the_invited_and_is_never_mirrored()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await InDevAsync(server);
        var carol = await server.LoginAsync("carol");
        await alice.ExpectAsync("#lobby -> carol joined");
        using var listener = new UdpListener(server.Udp);
        await listener.SubscribeAsync("#dev");
        await alice.SendAsync("/mode +i");
        Assert.Equal(["#dev ~ alice sets mode +i"], await alice.SyncAsync());
        await carol.SendAsync("/join #dev");
        Assert.Equal(["! #dev is invite only: ask an operator to /invite you"], await carol.SyncAsync());
        await alice.SendAsync("/invite carol");
        Assert.Contains("* carol is invited to #dev", await alice.SyncAsync());
        await carol.ExpectAsync("* alice invites you to #dev: /join #dev");
        await carol.SendAsync("/join #dev");
        Assert.Equal(["#dev -> carol joined"], await carol.SyncAsync());
        await alice.SendAsync("private words");
        await carol.ExpectAsync("#dev <alice> private words");

        using var late = new UdpListener(server.Udp);
        await late.SendAsync("SUB #dev");
        Assert.Equal("ERR #dev is not mirrored", await late.ReceiveAsync());
        await alice.SendAsync("/mode -i");
        await alice.SendAsync("public again");
        await alice.SyncAsync();
        // The first datagram the old listener gets after +i is the -i: nothing said while closed was mirrored.
        Assert.EndsWith("#dev ~ alice sets mode -i", await listener.ReceiveAsync(), StringComparison.Ordinal);
        Assert.EndsWith("#dev <alice> public again", await listener.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_topic_lock_lets_only_operators_set_the_topic()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await InDevAsync(server);
        await bob.SendAsync("/topic my topic");
        Assert.Equal(["! only operators set the topic of #dev"], await bob.SyncAsync());
        await alice.SendAsync("/topic Dev talk");
        Assert.Equal(["#dev ~ alice set the topic: Dev talk"], await alice.SyncAsync());
        await bob.ExpectAsync("#dev ~ alice set the topic: Dev talk");
        await alice.SendAsync("/mode -t");
        await alice.SyncAsync();
        await bob.SendAsync("/topic #dev Bob's topic");
        await bob.SendAsync("/topic");
        Assert.Equal(["#dev ~ alice sets mode -t", "#dev ~ bob set the topic: Bob's topic", "* #dev topic: Bob's topic (set by bob)"], await bob.SyncAsync());
    }

    [Fact]
    public async Task Kicks_and_topic_changes_are_mirrored_over_udp()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await InDevAsync(server);
        using var listener = new UdpListener(server.Udp);
        await listener.SubscribeAsync("#dev");
        await alice.SendAsync("/topic Mirrored");
        await alice.SendAsync("/kick bob");
        await alice.SyncAsync();
        Assert.EndsWith("#dev ~ alice set the topic: Mirrored", await listener.ReceiveAsync(), StringComparison.Ordinal);
        Assert.EndsWith("#dev <- bob was kicked by alice", await listener.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unclaimed_room_forgets_its_rules_when_it_empties_a_claimed_one_keeps_them()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginRegisteredAsync("alice");
        var bob = await server.LoginAsync("bob");
        await alice.SendAsync("/join #dev");
        await alice.SendAsync("/topic Unclaimed");
        await alice.SendAsync("/part");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SyncAsync();
        await bob.SendAsync("/topic");
        await bob.SendAsync("/who");
        Assert.Equal(["* #dev has no topic", "* #dev (1 user): @bob"], await bob.SyncAsync());
        await bob.SendAsync("/part");
        await bob.SyncAsync();

        await alice.SendAsync("/join #dev");
        await alice.SendAsync("/topic Claimed");
        await alice.SendAsync("/claim");
        await alice.SendAsync("/claim");
        var claimed = await alice.SyncAsync();
        Assert.Equal(["* #dev is claimed: your account is its founder", "! #dev is claimed already (founder alice)"], claimed[^2..]);
        await alice.SendAsync("/part");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SendAsync("/who");
        await bob.SendAsync("/rooms");
        Assert.Equal(["#dev -> bob joined", "* #dev topic: Claimed (set by alice)", "* #dev (1 user): bob", "* 2 rooms: #lobby (2), #dev (1: Claimed)"],
            await bob.SyncAsync());
        await alice.SendAsync("/join #dev");
        await alice.SendAsync("/who");
        Assert.Equal("* #dev (2 users): bob @alice", (await alice.SyncAsync())[^1]);
        await alice.SendAsync("/claim #lobby");
        Assert.Equal(["! you are not an operator of #lobby"], await alice.SyncAsync());
    }

    [Fact]
    public async Task A_claimed_room_keeps_founder_topic_and_bans_across_a_restart()
    {
        var store = new MemoryModerationStore();
        await using (var first = await TestServer.StartAsync(null, store))
        {
            var alice = await first.LoginRegisteredAsync("alice");
            await alice.SendAsync("/join #dev");
            await alice.SendAsync("/claim");
            await alice.SendAsync("/topic Kept");
            await alice.SendAsync("/ban #dev mallory spam");
            await alice.SyncAsync();
        }
        await using var second = await TestServer.StartAsync(null, store);
        var mallory = await second.LoginAsync("mallory");
        await mallory.SendAsync("/join #dev");
        Assert.Equal(["! you are banned from #dev: spam"], await mallory.SyncAsync());
        var founder = await second.IdentifyAsync("alice");
        await founder.SendAsync("/join #dev");
        await founder.SendAsync("/who");
        Assert.Equal(["#dev -> alice joined", "* #dev topic: Kept (set by alice)", "* #dev (1 user): @alice"], await founder.SyncAsync());
    }

    /// <summary>alice makes #dev (its operator), bob joins; both have read everything.</summary>
    private static async Task<(TestClient Alice, TestClient Bob)> InDevAsync(TestServer server)
    {
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await alice.SendAsync("/join #dev");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SyncAsync();
        await alice.ExpectAsync("#dev -> bob joined");
        return (alice, bob);
    }
}
