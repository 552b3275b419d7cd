using System.Text.Json;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Over loopback: topic, away, ignore, whois, reply, the message of the day, and the JSON forms of the new lines.</summary>
public class EverydayTests
{
    [Fact]
    public async Task A_pm_to_an_away_member_answers_with_its_message_until_it_is_back()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/away at lunch");
        Assert.Equal(["* you are away: at lunch"], await bob.SyncAsync());
        await alice.SendAsync("/msg bob are you there?");
        Assert.Equal(["* bob is away: at lunch"], await alice.SyncAsync());
        await bob.ExpectAsync("[pm] <alice> are you there?");
        await bob.SendAsync("/away");
        Assert.Equal(["* you are back"], await bob.SyncAsync());
        await alice.SendAsync("/msg bob now?");
        Assert.Empty(await alice.SyncAsync());
    }

    [Fact]
    public async Task Ignore_hides_a_nicks_messages_and_pms_until_unignored()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await alice.SendAsync("/ignore bob");
        await alice.SendAsync("/ignore");
        Assert.Equal(["* you ignore bob now", "* you ignore: bob"], await alice.SyncAsync());
        await bob.SendAsync("hidden line");
        await bob.SendAsync("/msg alice hidden pm");
        await bob.SyncAsync();
        await alice.SendAsync("/unignore bob");
        await alice.SendAsync("/unignore bob");
        Assert.Equal(["* you no longer ignore bob", "! you are not ignoring 'bob'"], await alice.SyncAsync());
        await bob.SendAsync("visible line");
        Assert.Equal(["#lobby <bob> visible line"], await alice.ReadUntilAsync(l => l.Contains("visible", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_identified_member_is_ignored_by_account_whatever_its_nick()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginAsync("alice");
        var carol = await server.LoginRegisteredAsync("carol");
        await alice.SyncAsync();
        await alice.SendAsync("/ignore carol");
        Assert.Equal(["* you ignore account:carol now"], await alice.SyncAsync());
        await carol.SendAsync("/nick carla");
        await carol.SendAsync("as carla");
        await carol.SyncAsync();
        await alice.SendAsync("/unignore account:carol");
        await alice.SyncAsync();
        await carol.SendAsync("heard now");
        var seen = await alice.ReadUntilAsync(l => l.Contains("heard now", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, l => l.Contains("as carla", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Whois_tells_account_rooms_idle_away_and_how_connected()
    {
        await using var server = await TestServer.StartAsync("Chat:Operators=alice");
        var alice = await server.LoginRegisteredAsync("alice");
        var bob = await server.LoginAsync("bob");
        await alice.SendAsync("/join #dev");
        await alice.SendAsync("/away brb");
        await alice.SyncAsync();
        await bob.SendAsync("/whois alice");
        await bob.SendAsync("/whois bob");
        await bob.SendAsync("/whois nobody");
        var lines = await bob.SyncAsync();
        Assert.Matches(@"^\* whois alice: identified as alice; rooms: @#lobby @#dev; idle \d+ s; connected \d+ s ago over tcp; away: brb; server operator$", lines[0]);
        Assert.Matches(@"^\* whois bob: not identified; rooms: #lobby; idle \d+ s; connected \d+ s ago over tcp$", lines[1]);
        Assert.Equal("! no such nick 'nobody'", lines[2]);
    }

    [Fact]
    public async Task R_replies_to_the_last_private_message()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendAsync("/r nobody wrote");
        Assert.Equal(["! no private message to reply to"], await bob.SyncAsync());
        await alice.SendAsync("/msg bob ping me back");
        await bob.ExpectAsync("[pm] <alice> ping me back");
        await bob.SendAsync("/r pong from bob");
        await alice.ExpectAsync("[pm] <bob> pong from bob");
    }

    [Fact]
    public async Task The_motd_is_shown_at_login_and_on_request()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path, ["Be kind.", "Backups at 3am."]);
        try
        {
            await using var server = await TestServer.StartAsync($"Chat:MotdFile={path}");
            var client = await server.ConnectAsync();
            await client.ExpectAsync("* Choose a nick:");
            await client.SendAsync("alice");
            await client.ExpectAsync(l => l.StartsWith("* You are alice.", StringComparison.Ordinal));
            await client.SendAsync("/motd");
            Assert.Equal(["* motd: Be kind.", "* motd: Backups at 3am.", "* motd: Be kind.", "* motd: Backups at 3am."], await client.SyncAsync());
        }
        finally
        {
            File.Delete(path);
        }
        await using var plain = await TestServer.StartAsync();
        var bob = await plain.LoginAsync("bob");
        await bob.SendAsync("/motd");
        Assert.Equal(["* no message of the day"], await bob.SyncAsync());
    }

    [Fact]
    public async Task The_topic_is_shown_on_join_and_in_rooms()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await alice.SendAsync("/join #dev");
        await alice.SendAsync("/topic");
        await alice.SendAsync("/topic Release on Friday");
        Assert.Equal(["#dev -> alice joined", "* #dev has no topic", "#dev ~ alice set the topic: Release on Friday"], await alice.SyncAsync());
        await bob.SendAsync("/join #dev");
        await bob.SendAsync("/rooms");
        Assert.Equal(["#dev -> bob joined", "* #dev topic: Release on Friday (set by alice)", "* 2 rooms: #dev (2: Release on Friday), #lobby (2)"],
            await bob.SyncAsync());
        await alice.SendAsync("/topic -");
        Assert.Equal(["#dev -> bob joined", "#dev ~ alice cleared the topic"], await alice.SyncAsync());
    }

    [Fact]
    public async Task Unknown_commands_get_one_error_line()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/oper root secret");
        await bob.SendAsync("/mode +x");
        Assert.Equal(["! unknown command /oper (try /help)", "! usage: /mode [#ROOM] +i|-i|+t|-t"], await bob.SyncAsync());
    }

    [Fact]
    public async Task The_new_lines_in_json_mode()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        await alice.SendAsync("/json");
        await alice.SendAsync("/register secret-pw");
        await alice.SendAsync("/join #dev");
        await alice.SyncAsync();
        await bob.SendAsync("/join #dev");
        await bob.SyncAsync();
        await alice.ExpectAsync(l => l.Contains("\"join\"", StringComparison.Ordinal) && l.Contains("bob", StringComparison.Ordinal));
        await alice.SendAsync("/topic JSON topic");
        await alice.SendAsync("/op bob");
        await alice.SendAsync("/kick bob bye");
        await alice.SendAsync("/whois alice");
        var lines = (await alice.SyncAsync()).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["topic", "mode", "kick", "whois"], lines.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("JSON topic", lines[0].GetProperty("text").GetString());
        Assert.Equal(("+o", "bob"), (lines[1].GetProperty("mode").GetString(), lines[1].GetProperty("target").GetString()));
        Assert.Equal(("bob", "alice", "bye"), (lines[2].GetProperty("nick").GetString(), lines[2].GetProperty("by").GetString(), lines[2].GetProperty("reason").GetString()));
        Assert.Equal("alice", lines[3].GetProperty("account").GetString());
        Assert.Equal(["dev"], lines[3].GetProperty("ops").EnumerateArray().Select(e => e.GetString()));
    }
}
