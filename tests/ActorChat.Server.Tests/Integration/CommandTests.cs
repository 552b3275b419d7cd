using System.Text.Json;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class ChatCommandTests
{
    [Fact]
    public async Task Plain_lines_reach_the_room_but_are_not_echoed_to_the_sender()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("hello alice");
        Assert.Equal("#lobby <bob> hello alice", await alice.NextAsync());
        Assert.Empty(await bob.SyncAsync());
    }

    [Fact]
    public async Task Me_is_an_action_in_the_current_room()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/me waves");
        await alice.ExpectAsync("#lobby * bob waves");
        await bob.SendAsync("/me");
        Assert.Equal(["! usage: /me text"], await bob.SyncAsync());
    }

    [Fact]
    public async Task Nick_change_is_seen_by_the_rooms_and_frees_the_old_nick()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/nick alice");
        Assert.Equal(["! nick 'alice' is taken"], await bob.SyncAsync());
        await bob.SendAsync("/nick robert");
        await alice.ExpectAsync("#lobby ~ bob is now robert");
        Assert.Equal(["#lobby ~ bob is now robert"], await bob.SyncAsync());
        var newBob = await server.LoginAsync("bob");
    }

    [Fact]
    public async Task Join_part_and_the_current_room()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;

        await alice.SendAsync("/join #Dev");
        Assert.Equal(["#Dev -> alice joined"], await alice.SyncAsync());
        await bob.SendAsync("/join dev");
        await alice.ExpectAsync("#Dev -> bob joined");
        Assert.Equal(["#Dev -> bob joined"], await bob.SyncAsync());

        await bob.SendAsync("in dev");
        await alice.ExpectAsync("#Dev <bob> in dev");
        await bob.SendAsync("/join lobby");
        Assert.Equal(["* #lobby is now your current room"], await bob.SyncAsync());
        await bob.SendAsync("in lobby");
        await alice.ExpectAsync("#lobby <bob> in lobby");

        await bob.SendAsync("/part dev gone fishing");
        await alice.ExpectAsync("#Dev <- bob left (gone fishing)");
        await bob.SendAsync("/part see you");      // no room named "see": all of it is the reason
        await alice.ExpectAsync("#lobby <- bob left (see you)");
        Assert.Equal(
            ["#Dev <- bob left (gone fishing)", "#lobby <- bob left (see you)", "* you are in no room now: /join one"],
            await bob.SyncAsync());
        await bob.SendAsync("anyone?");
        Assert.Equal(["! you are in no room: /join one"], await bob.SyncAsync());
        await bob.SendAsync("/part #nowhere");
        Assert.Equal(["! you are not in #nowhere"], await bob.SyncAsync());
    }

    [Fact]
    public async Task Msg_sends_a_private_message_or_says_text_in_a_room()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob, carol) = await server.LoginAllAsync("alice", "bob", "carol") is var c ? (c[0], c[1], c[2]) : default;

        await bob.SendAsync("/msg ALICE psst, hi");
        await alice.ExpectAsync("[pm] <bob> psst, hi");
        await bob.SendAsync("/msg #lobby to all");
        await carol.ExpectAsync("#lobby <bob> to all");
        Assert.DoesNotContain(await carol.SyncAsync(), l => l.Contains("psst", StringComparison.Ordinal));

        await bob.SendAsync("/msg nobody hello");
        await bob.SendAsync("/msg #dev hello");
        await bob.SendAsync("/msg alice");
        Assert.Equal(
            ["! no such nick 'nobody'", "! you are not in #dev", "! usage: /msg NICK text, or /msg #ROOM text"],
            await bob.SyncAsync());
    }

    [Fact]
    public async Task Who_and_rooms_list_members()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/join dev");
        await bob.SendAsync("/who");
        await bob.SendAsync("/who #lobby");
        await bob.SendAsync("/who #nope");
        await bob.SendAsync("/rooms");
        Assert.Equal(
            ["#dev -> bob joined", "* #dev (1 user): @bob", "* #lobby (2 users): alice bob", "! no such room '#nope'", "* 2 rooms: #lobby (2), #dev (1)"],
            await bob.SyncAsync());
    }

    [Fact]
    public async Task History_replays_the_last_n_messages_of_the_current_room()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginAsync("alice");
        for (var i = 1; i <= 5; i++)
        {
            await alice.SendAsync($"m{i}");
        }
        await alice.SendAsync("/history 2");
        await alice.SendAsync("/history x");
        Assert.Equal(["#lobby [history] <alice> m4", "#lobby [history] <alice> m5", "! usage: /history [#ROOM] [N] [before ID], N a whole number from 1 to 500"], await alice.SyncAsync());
        await alice.SendAsync("/join quiet");
        await alice.SendAsync("/history");
        Assert.Equal(["#quiet -> alice joined", "* no messages in #quiet yet"], await alice.SyncAsync());
    }

    [Fact]
    public async Task Ping_help_timestamps_and_unknown_commands()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;

        await alice.SendAsync("/ping");
        Assert.Equal("* pong", await alice.NextAsync());
        await alice.SendAsync("/help");
        var help = await alice.SyncAsync();
        foreach (var command in new[] { "/nick", "/join", "/part", "/msg", "/me", "/who", "/rooms", "/history", "/ping", "/timestamps", "/json", "/help", "/quit" })
        {
            Assert.Contains(help, l => l.StartsWith("* " + command + " ", StringComparison.Ordinal));
        }
        await alice.SendAsync("/frob");
        await alice.SendAsync("/timestamps maybe");
        Assert.Equal(["! unknown command /frob (try /help)", "! usage: /timestamps on|off"], await alice.SyncAsync());

        await alice.SendAsync("/timestamps on");
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] \* timestamps on$", await alice.NextAsync());
        await bob.SendAsync("stamped");
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] #lobby <bob> stamped$", await alice.NextAsync());
        await alice.SendAsync("/timestamps off");
        Assert.Equal("* timestamps off", await alice.NextAsync());
    }

    [Fact]
    public async Task Quit_leaves_every_room_with_the_reason_and_closes()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/join dev");
        await alice.SendAsync("/join dev");
        await bob.ExpectAsync("#dev -> alice joined");
        await bob.SendAsync("/quit off to lunch");
        var last = await bob.ReadToEndAsync();
        Assert.Equal(["#dev <- bob left (off to lunch)", "#lobby <- bob left (off to lunch)", "* bye"], last);
        await alice.ExpectAsync("#dev <- bob left (off to lunch)");
        await alice.ExpectAsync("#lobby <- bob left (off to lunch)");
    }

    [Fact]
    public async Task Json_mode_sends_one_object_per_line_and_echoes_own_messages()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("before");
        await bob.SyncAsync();     // "before" is in the history before alice, on another connection, registers
        var alice = await server.ConnectAsync();
        await alice.ExpectAsync("* Choose a nick:");
        await alice.SendAsync("/json");
        Assert.Equal("""{"type":"info","text":"JSON mode on: one JSON object per line"}""", await alice.NextAsync());
        await alice.SendAsync("alice");
        var welcome = Parse(await alice.NextAsync());
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        Assert.Equal("alice", welcome.GetProperty("nick").GetString());
        Assert.Equal("You are alice. Joined #lobby (2 users).", welcome.GetProperty("text").GetString());
        var history = Parse(await alice.NextAsync());
        await bob.ExpectAsync("#lobby -> alice joined");
        Assert.True(history.GetProperty("history").GetBoolean());
        Assert.Equal("before", history.GetProperty("text").GetString());

        await alice.SendAsync("hello");
        var own = Parse(await alice.NextAsync());
        Assert.Equal(("message", "lobby", "alice", "hello", 2), (S(own, "type"), S(own, "room"), S(own, "nick"), S(own, "text"), own.GetProperty("id").GetInt32()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", S(own, "ts"));

        await bob.SendAsync("/me waves");
        await bob.SendAsync("/msg alice psst");
        await alice.ExpectAsync(l => l.Contains("psst", StringComparison.Ordinal));
        await alice.SendAsync("/msg bob back");
        await alice.SendAsync("/who");
        await alice.SendAsync("/rooms");
        await alice.SendAsync("/nope");
        await alice.SendAsync("/ping t1");
        var lines = (await alice.ReadUntilAsync(l => l.Contains("pong", StringComparison.Ordinal))).Select(Parse).ToList();
        Assert.Equal(["pm", "who", "rooms", "error", "pong"], lines.Select(l => S(l, "type")));
        Assert.Equal(("alice", "bob", "back"), (S(lines[0], "from"), S(lines[0], "to"), S(lines[0], "text")));
        Assert.Equal(["bob", "alice"], lines[1].GetProperty("nicks").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(2, lines[2].GetProperty("rooms")[0].GetProperty("users").GetInt32());
        Assert.Equal("t1", S(lines[4], "token"));

        await bob.SendAsync("/nick robert");
        var nick = Parse(await alice.NextAsync());
        Assert.Equal(("nick", "lobby", "robert", "bob"), (S(nick, "type"), S(nick, "room"), S(nick, "nick"), S(nick, "old")));
        Assert.All(await alice.SyncAsync(), l => Assert.StartsWith("{", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_part_and_join_objects_carry_the_room_without_hash()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await alice.SendAsync("/join dev");
        await alice.SendAsync("/json");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SendAsync("/part #dev bye");
        var join = Parse(await alice.NextAsync());
        var part = Parse(await alice.NextAsync());
        Assert.Equal(("join", "dev", "bob"), (S(join, "type"), S(join, "room"), S(join, "nick")));
        Assert.Equal(("part", "dev", "bob", "bye"), (S(part, "type"), S(part, "room"), S(part, "nick"), S(part, "reason")));
    }

    [Fact]
    public async Task A_user_may_be_in_at_most_the_room_limit_and_an_empty_room_disappears()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxRoomsPerUser=2");
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join a");
        await alice.SendAsync("/join b");
        Assert.Equal(["#a -> alice joined", "! you are in 2 rooms already: /part one first"], await alice.SyncAsync());
        await alice.SendAsync("hello a");
        await alice.SendAsync("/part #a");
        await alice.SendAsync("/rooms");
        await alice.SendAsync("/join a");
        await alice.SendAsync("/history");
        Assert.Equal(
            ["#a <- alice left", "* your current room is now #lobby", "* 1 room: #lobby (1)", "#a -> alice joined", "* no messages in #a yet"],
            await alice.SyncAsync());
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
