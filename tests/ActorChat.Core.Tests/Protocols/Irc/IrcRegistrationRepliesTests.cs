using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcRegistrationRepliesTests
{
    private static readonly IrcServerInfo Server = new("irc.example", "ActorChat", "ActorChat-1.0", new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    private static List<string> Burst(IReadOnlyList<string>? motd) =>
        [.. IrcRegistrationReplies.Burst(Server, "alice", "alice!alice@127.0.0.1", IsupportBuilder.Standard(new IsupportSettings("ActorChat", 300, 500)),
            new IrcUserCounts(Users: 3, Operators: 1, Unregistered: 0, Channels: 2, MaxUsers: 7), motd).Select(m => m.ToString())];

    [Fact]
    public void The_burst_is_001_to_005_then_lusers_then_the_motd()
    {
        var lines = Burst(["Hello", ""]);
        Assert.Equal(":irc.example 001 alice :Welcome to the ActorChat IRC Network alice!alice@127.0.0.1", lines[0]);
        Assert.Equal(":irc.example 002 alice :Your host is irc.example, running version ActorChat-1.0", lines[1]);
        Assert.Equal(":irc.example 003 alice :This server was created 2026-11-01 08:00:00 UTC", lines[2]);
        Assert.Equal(":irc.example 004 alice irc.example ActorChat-1.0 i binot bo", lines[3]);
        Assert.StartsWith(":irc.example 005 alice ", lines[4], StringComparison.Ordinal);
        var rest = lines.SkipWhile(l => l.Contains(" 00", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [":irc.example 251 alice :There are 3 users and 0 invisible on 1 servers",
             ":irc.example 252 alice 1 :operator(s) online",
             ":irc.example 253 alice 0 :unknown connection(s)",
             ":irc.example 254 alice 2 :channels formed",
             ":irc.example 255 alice :I have 3 clients and 0 servers",
             ":irc.example 265 alice 3 7 :Current local users 3, max 7",
             ":irc.example 266 alice 3 7 :Current global users 3, max 7",
             ":irc.example 375 alice :- irc.example Message of the day - ",
             ":irc.example 372 alice :- Hello",
             ":irc.example 372 alice :- ",
             ":irc.example 376 alice :End of /MOTD command"],
            rest);
    }

    [Fact]
    public void No_motd_is_422()
    {
        Assert.Equal(":irc.example 422 alice :MOTD File is missing", Burst(null)[^1]);
        Assert.Equal(":irc.example 422 alice :MOTD File is missing", Burst([])[^1]);
    }

    [Fact]
    public void Long_or_hostile_motd_lines_become_valid_lines()
    {
        var motd = IrcRegistrationReplies.Motd("irc.example", "alice", [new string('x', 1000), "evil\r\nQUIT\u001b[2J"]);
        Assert.All(motd, m => Assert.True(m.ToBytes(out _) is { Length: <= 512 }));
        Assert.Equal(":irc.example 372 alice :- evilQUIT", motd[^2].ToString());
        Assert.Equal(6, motd.Count);    // 375, three pieces of the long line, the hostile one, 376
    }
}
