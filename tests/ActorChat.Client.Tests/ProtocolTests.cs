using ActorChat.Client.Protocol;

namespace ActorChat.Client.Tests;

public class ProtocolTests
{
    [Fact]
    public void Parses_every_kind_of_ndjson_line()
    {
        var message = ServerEvent.Parse("""{"type":"message","room":"lobby","nick":"bob","text":"hi \"you\"","id":42,"ts":"2026-11-21T12:00:00.123Z","history":true}""");
        Assert.Equal(("message", "lobby", "bob", "hi \"you\"", 42L, true), (message.Type, message.Room, message.Nick, message.Text, message.Id, message.History));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, 123, TimeSpan.Zero), message.Time);

        Assert.Equal(("bob", "alice", "psst"), ServerEvent.Parse("""{"type":"pm","from":"bob","to":"alice","text":"psst","ts":"2026-11-21T12:00:00.000Z"}""") is var pm ? (pm.From, pm.To, pm.Text) : default);
        Assert.Equal("bye", ServerEvent.Parse("""{"type":"part","room":"dev","nick":"carol","reason":"bye","ts":"2026-11-21T12:00:00.000Z"}""").Reason);
        Assert.Equal("bob", ServerEvent.Parse("""{"type":"nick","room":"lobby","nick":"robert","old":"bob","ts":"2026-11-21T12:00:00.000Z"}""").Old);
        Assert.Equal(["alice", "bob"], ServerEvent.Parse("""{"type":"who","room":"lobby","nicks":["alice","bob"]}""").Nicks);
        Assert.Equal([("lobby", 3, (string?)null)], ServerEvent.Parse("""{"type":"rooms","rooms":[{"name":"lobby","users":3}]}""").Rooms);
        Assert.Equal("abc", ServerEvent.Parse("""{"type":"pong","token":"abc"}""").Token);
    }

    [Theory]
    [InlineData("* Welcome to ActorChat 1.0. 0 users online in 0 rooms.")]
    [InlineData("{not json")]
    [InlineData("")]
    public void A_line_that_is_not_json_is_kept_as_text(string line)
    {
        var e = ServerEvent.Parse(line);
        Assert.Equal(("text", line, line), (e.Type, e.Text, e.Raw));
    }

    [Theory]
    [InlineData("""{"type":"message","room":"lobby","nick":"bob","text":"hi","id":1,"ts":"2026-11-21T12:00:00.000Z"}""", "#lobby <bob> hi")]
    [InlineData("""{"type":"action","room":"dev","nick":"bob","text":"waves","id":1,"ts":"2026-11-21T12:00:00.000Z","history":true}""", "#dev [history] * bob waves")]
    [InlineData("""{"type":"join","room":"dev","nick":"carol","ts":"2026-11-21T12:00:00.000Z"}""", "#dev -> carol joined")]
    [InlineData("""{"type":"part","room":"dev","nick":"carol","reason":"bye","ts":"2026-11-21T12:00:00.000Z"}""", "#dev <- carol left (bye)")]
    [InlineData("""{"type":"nick","room":"lobby","nick":"robert","old":"bob","ts":"2026-11-21T12:00:00.000Z"}""", "#lobby ~ bob is now robert")]
    [InlineData("""{"type":"pm","from":"bob","to":"alice","text":"psst","ts":"2026-11-21T12:00:00.000Z"}""", "[pm] <bob> psst")]
    [InlineData("""{"type":"error","text":"no such nick 'x'"}""", "! no such nick 'x'")]
    [InlineData("""{"type":"info","text":"bye"}""", "* bye")]
    [InlineData("""{"type":"who","room":"lobby","nicks":["alice","bob"]}""", "* #lobby (2 users): alice bob")]
    [InlineData("""{"type":"who","room":"lobby","nicks":["n1"],"page":3,"pages":3,"total":201}""", "* #lobby (201 users, page 3 of 3): n1")]
    [InlineData("""{"type":"rooms","rooms":[{"name":"lobby","users":2},{"name":"dev","users":1}]}""", "* 2 rooms: #lobby (2), #dev (1)")]
    [InlineData("""{"type":"pong","token":""}""", "* pong")]
    [InlineData("""{"type":"pong","token":"t1"}""", "* pong t1")]
    [InlineData("""{"type":"welcome","nick":"bob","text":"You are bob. Joined #lobby (1 user)."}""", "* You are bob. Joined #lobby (1 user). Type /help for commands.")]
    [InlineData("""{"type":"kick","room":"dev","nick":"bob","by":"alice","reason":"bye","ts":"2026-11-21T12:00:05.000Z"}""", "#dev <- bob was kicked by alice (bye)")]
    [InlineData("""{"type":"kick","room":"dev","nick":"bob","by":"alice","reason":"","ts":"2026-11-21T12:00:05.000Z"}""", "#dev <- bob was kicked by alice")]
    [InlineData("""{"type":"kill","room":"lobby","nick":"bob","by":"root","reason":"spam","ts":"2026-11-21T12:00:06.000Z"}""", "#lobby <- bob was removed from the server by root (spam)")]
    [InlineData("""{"type":"topic","room":"dev","nick":"alice","text":"Release on Friday","ts":"2026-11-21T12:00:07.000Z"}""", "#dev ~ alice set the topic: Release on Friday")]
    [InlineData("""{"type":"topic","room":"dev","nick":"alice","text":"","ts":"2026-11-21T12:00:07.000Z"}""", "#dev ~ alice cleared the topic")]
    [InlineData("""{"type":"mode","room":"dev","nick":"alice","mode":"+o","target":"bob","ts":"2026-11-21T12:00:08.000Z"}""", "#dev ~ alice sets mode +o bob")]
    [InlineData("""{"type":"mode","room":"dev","nick":"alice","mode":"+i","ts":"2026-11-21T12:00:09.000Z"}""", "#dev ~ alice sets mode +i")]
    [InlineData("""{"type":"room_topic","room":"dev","text":"Release on Friday","by":"alice"}""", "* #dev topic: Release on Friday (set by alice)")]
    [InlineData("""{"type":"room_topic","room":"dev","text":null,"by":null}""", "* #dev has no topic")]
    [InlineData("""{"type":"away","nick":"bob","text":"at lunch"}""", "* bob is away: at lunch")]
    [InlineData("""{"type":"wall","from":"root","text":"restart at noon","ts":"2026-11-21T12:00:00.000Z"}""", "[wall] <root> restart at noon")]
    [InlineData("""{"type":"invite","from":"alice","room":"dev"}""", "* alice invites you to #dev: /join #dev")]
    [InlineData("""{"type":"account","event":"identified","account":"alice","text":"you are identified as alice"}""", "* you are identified as alice")]
    [InlineData("""{"type":"ignores","names":[]}""", "* you ignore nobody")]
    [InlineData("""{"type":"ignores","names":["bob","account:carol"]}""", "* you ignore: bob, account:carol")]
    [InlineData("""{"type":"motd","lines":["Be kind.","Backups at 3am."]}""", "* motd: Be kind.\n* motd: Backups at 3am.")]
    [InlineData("""{"type":"bans","room":null,"bans":[]}""", "* no bans")]
    [InlineData(
        """{"type":"bans","room":"dev","bans":[{"mask":"bob","reason":"spam","by":"alice","set":"2026-11-21T12:00:00.000Z","expires":null},{"mask":"10.0.0.0/8","reason":"","by":"root","set":"2026-11-21T12:00:01.000Z","expires":"2026-11-22T12:00:00.000Z"}]}""",
        "* 2 bans in #dev:\n* bob by alice: spam\n* 10.0.0.0/8 by root, until 2026-11-22T12:00:00.000Z")]
    [InlineData(
        """{"type":"whois","nick":"alice","account":"alice","rooms":["lobby","dev"],"ops":["dev"],"idle":5,"connected":40,"away":null,"transport":"tls","operator":true}""",
        "* whois alice: identified as alice; rooms: #lobby @#dev; idle 5 s; connected 40 s ago over tls; server operator")]
    [InlineData(
        """{"type":"whois","nick":"bob","account":null,"rooms":[],"ops":[],"idle":0,"connected":1,"away":"at lunch","transport":"tcp","operator":false}""",
        "* whois bob: not identified; rooms: none; idle 0 s; connected 1 s ago over tcp; away: at lunch")]
    [InlineData("""{"type":"error","text":"you are muted in #dev","code":"muted"}""", "! you are muted in #dev")]
    public void Plain_text_is_the_protocols_own_text_line(string json, string plain)
    {
        Assert.Equal(plain, EventFormatter.Plain(ServerEvent.Parse(json)));
    }

    [Fact]
    public void Rendering_shows_time_room_and_nick_and_colours_each_nick_the_same_way_every_time()
    {
        var e = ServerEvent.Parse("""{"type":"message","room":"lobby","nick":"bob","text":"hi","id":1,"ts":"2026-11-21T12:00:00.000Z"}""");
        var plain = new EventFormatter(color: false).Format(e, "alice");
        Assert.Matches(@"^\d\d:\d\d:\d\d #lobby <bob> hi$", plain);

        var colored = new EventFormatter(color: true);
        Assert.Equal(colored.NickColor("bob"), new EventFormatter(color: true).NickColor("BOB").Replace("BOB", "bob", StringComparison.Ordinal));
        Assert.Contains("\u001b[", colored.Format(e, "alice"), StringComparison.Ordinal);
        Assert.Contains("\u001b[31m! oops", colored.Format(ServerEvent.Parse("""{"type":"error","text":"oops"}"""), "alice"), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"kick","room":"dev","nick":"bob","by":"alice","reason":"flood","ts":"2026-11-21T12:00:05.000Z"}""", "<- bob was kicked by alice (flood)")]
    [InlineData("""{"type":"topic","room":"dev","nick":"alice","text":"Release on Friday","ts":"2026-11-21T12:00:07.000Z"}""", "~ alice set the topic: Release on Friday")]
    [InlineData("""{"type":"mode","room":"dev","nick":"alice","mode":"+q","target":"bob","ts":"2026-11-21T12:00:08.000Z"}""", "~ alice sets mode +q bob")]
    [InlineData("""{"type":"wall","from":"root","text":"restart at noon","ts":"2026-11-21T12:00:00.000Z"}""", "[wall] <root> restart at noon")]
    [InlineData("""{"type":"room_topic","room":"dev","text":"Release on Friday","by":"alice"}""", "* #dev topic: Release on Friday (set by alice)")]
    [InlineData("""{"type":"who","room":"dev","nicks":["alice","bob"],"ops":["alice"]}""", "* #dev: @alice bob")]
    public void Every_new_line_type_reads_as_the_server_words_it_in_its_own_window(string json, string shown)
    {
        var line = new EventFormatter(color: false).Format(ServerEvent.Parse(json), "carol", showRoom: false);
        Assert.Matches(@"^\d\d:\d\d:\d\d ", line);
        Assert.EndsWith(" " + shown, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_of_several_lines_gives_each_line_its_time()
    {
        var lines = new EventFormatter(color: false).Format(ServerEvent.Parse("""{"type":"motd","lines":["Be kind.","Backups at 3am."]}"""), "carol").Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\d\d:\d\d:\d\d \* motd: ", l));
    }

    [Fact]
    public void Own_private_messages_show_as_sent_to_whom()
    {
        var pm = ServerEvent.Parse("""{"type":"pm","from":"alice","to":"bob","text":"psst","ts":"2026-11-21T12:00:00.000Z"}""");
        Assert.EndsWith("-> *bob* psst", new EventFormatter(color: false).Format(pm, "alice"), StringComparison.Ordinal);
    }
}
