using ActorChat.Core.Chat;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Tests.Protocols.Line;

public class CommandTests
{
    [Theory]
    [InlineData("hello there", "Say", "", "hello there")]
    [InlineData("//etc/passwd", "Say", "", "/etc/passwd")]
    [InlineData("/nick  bob ", "Nick", "bob", "")]
    [InlineData("/NICK bob", "Nick", "bob", "")]
    [InlineData("/join #dev", "Join", "#dev", "")]
    [InlineData("/part #dev gone fishing", "Part", "", "#dev gone fishing")]
    [InlineData("/msg alice  psst, hi ", "Msg", "alice", "psst, hi")]
    [InlineData("/me waves", "Me", "", "waves")]
    [InlineData("/who", "Who", "", "")]
    [InlineData("/rooms", "Rooms", "", "")]
    [InlineData("/history 5", "History", "5", "")]
    [InlineData("/ping abc", "Ping", "", "abc")]
    [InlineData("/timestamps on", "Timestamps", "on", "")]
    [InlineData("/json", "Json", "", "")]
    [InlineData("/help", "Help", "", "")]
    [InlineData("/quit see you", "Quit", "", "see you")]
    [InlineData("/frobnicate x", "Unknown", "frobnicate", "")]
    [InlineData("/", "Unknown", "", "")]
    public void Parses(string line, string kind, string arg, string text)
    {
        Assert.Equal(new Command(Enum.Parse<CommandKind>(kind), arg, text), Command.Parse(line));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("A_b-9", true)]
    [InlineData("abcdefghijklmnopqrstuvwx", true)]
    [InlineData("abcdefghijklmnopqrstuvwxy", false)]
    [InlineData("9lives", false)]
    [InlineData("-dash", false)]
    [InlineData("two words", false)]
    [InlineData("ünï", false)]
    [InlineData("", false)]
    public void Validates_nicks(string nick, bool valid)
    {
        Assert.Equal(valid, Names.IsValidNick(nick));
    }

    [Theory]
    [InlineData("#dev", "dev")]
    [InlineData("dev", "dev")]
    [InlineData("#a-b_c", "a-b_c")]
    public void Parses_room_names_with_or_without_hash(string text, string room)
    {
        Assert.True(Names.TryParseRoom(text, out var parsed));
        Assert.Equal(room, parsed);
    }

    [Theory]
    [InlineData("#")]
    [InlineData("##dev")]
    [InlineData("#bad room")]
    [InlineData("#abcdefghijklmnopqrstuvwxyz1234567")]
    public void Refuses_bad_room_names(string text)
    {
        Assert.False(Names.TryParseRoom(text, out _));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1", true)]
    [InlineData("POST /api HTTP/1.0", true)]
    [InlineData("HEAD /", true)]
    [InlineData("GET", false)]
    [InlineData("get a life", false)]
    [InlineData("alice", false)]
    public void Recognises_http_request_lines(string line, bool http)
    {
        Assert.Equal(http, ProtocolSniffer.IsHttpRequestLine(line));
    }
}
