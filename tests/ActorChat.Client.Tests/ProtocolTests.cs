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
        Assert.Equal([("lobby", 3)], ServerEvent.Parse("""{"type":"rooms","rooms":[{"name":"lobby","users":3}]}""").Rooms);
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

    [Fact]
    public void Own_private_messages_show_as_sent_to_whom()
    {
        var pm = ServerEvent.Parse("""{"type":"pm","from":"alice","to":"bob","text":"psst","ts":"2026-11-21T12:00:00.000Z"}""");
        Assert.EndsWith("-> *bob* psst", new EventFormatter(color: false).Format(pm, "alice"), StringComparison.Ordinal);
    }
}
