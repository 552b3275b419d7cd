using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

public class IrcQueryTests
{
    private static Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(["Chat:ServerName=irc.test", .. settings]);

    [Fact]
    public async Task Names_who_and_list_answer_for_rooms_of_both_protocols()
    {
        await using var server = await StartAsync();
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.ExpectAsync("#dev -> carol joined");
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#dev");

        await alice.SendAsync("NAMES #dev,#none");
        Assert.Equal(
            [":irc.test 353 alice = #dev :@carol alice", ":irc.test 366 alice #dev :End of /NAMES list", ":irc.test 366 alice #none :End of /NAMES list"],
            await alice.IrcSyncAsync());
        await alice.SendAsync("NAMES");
        Assert.Equal([":irc.test 366 alice * :End of /NAMES list"], await alice.IrcSyncAsync());

        await alice.SendAsync("WHO #dev");
        Assert.Equal(
            [":irc.test 352 alice #dev carol irc.test irc.test carol H@ :0 carol", ":irc.test 352 alice #dev alice irc.test irc.test alice H :0 alice", ":irc.test 315 alice #dev :End of /WHO list"],
            await alice.IrcSyncAsync());
        await alice.SendAsync("WHO carol");
        Assert.Equal([":irc.test 352 alice * carol irc.test irc.test carol H :0 carol", ":irc.test 315 alice carol :End of /WHO list"], await alice.IrcSyncAsync());
        await alice.SendAsync("WHO #none");
        Assert.Equal([":irc.test 315 alice #none :End of /WHO list"], await alice.IrcSyncAsync());

        await alice.SendAsync("LIST");
        var list = await alice.IrcSyncAsync();
        Assert.Equal(":irc.test 321 alice Channel :Users  Name", list[0]);
        Assert.Contains(":irc.test 322 alice #dev 2 :", list);
        Assert.Contains(":irc.test 322 alice #lobby 1 :", list);
        Assert.Equal(":irc.test 323 alice :End of /LIST", list[^1]);
        await alice.SendAsync("LIST #dev");
        Assert.Equal([":irc.test 321 alice Channel :Users  Name", ":irc.test 322 alice #dev 2 :", ":irc.test 323 alice :End of /LIST"], await alice.IrcSyncAsync());
    }

    [Fact]
    public async Task Userhost_in_names_lists_masks()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice", "userhost-in-names", "multi-prefix");
        Assert.Equal([":alice!alice@irc.test JOIN #dev", ":irc.test 353 alice = #dev :@alice!alice@irc.test", ":irc.test 366 alice #dev :End of /NAMES list"], await alice.JoinAsync("#dev"));
    }

    [Fact]
    public async Task Whois_ison_and_userhost_find_users_of_both_protocols()
    {
        await using var server = await StartAsync();
        await server.LoginAsync("carol");
        var alice = await server.IrcLoginAsync("alice");
        await alice.SendAsync("WHOIS carol");
        var whois = await alice.IrcSyncAsync();
        Assert.Equal(["311", "319", "312", "317", "318"], whois.Select(IrcClient.Command));
        Assert.Equal(":irc.test 311 alice carol carol irc.test * :carol", whois[0]);
        Assert.Equal(":irc.test 319 alice carol :#lobby", whois[1]);
        await alice.SendAsync("WHOIS nobody");
        Assert.Equal([":irc.test 401 alice nobody :No such nick/channel", ":irc.test 318 alice nobody :End of /WHOIS list"], await alice.IrcSyncAsync());
        await alice.SendAsync("WHOIS");
        Assert.Equal([":irc.test 431 alice :No nickname given"], await alice.IrcSyncAsync());
        await alice.SendAsync("ISON carol nobody ALICE");
        Assert.Equal([":irc.test 303 alice :carol alice"], await alice.IrcSyncAsync());
        await alice.SendAsync("ISON");
        Assert.Equal([":irc.test 461 alice ISON :Not enough parameters"], await alice.IrcSyncAsync());
        await alice.SendAsync("USERHOST carol nobody");
        Assert.Equal([":irc.test 302 alice :carol=+carol@irc.test"], await alice.IrcSyncAsync());
    }

    [Fact]
    public async Task Modes_topic_motd_version_and_lusers()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#dev");
        await alice.SendAsync("MODE alice +i");
        Assert.Equal([":alice!alice@irc.test MODE alice :+i"], await alice.IrcSyncAsync());
        await alice.SendAsync("MODE alice");
        Assert.Equal([":irc.test 221 alice +i"], await alice.IrcSyncAsync());
        await alice.SendAsync("MODE alice +x");
        Assert.Equal([":irc.test 501 alice :Unknown MODE flag"], await alice.IrcSyncAsync());
        await alice.SendAsync("MODE bob +i");
        Assert.Equal([":irc.test 502 alice :Cant change mode for other users"], await alice.IrcSyncAsync());
        await alice.SendAsync("MODE #dev");
        var modes = await alice.IrcSyncAsync();
        Assert.Equal(2, modes.Count);
        Assert.Equal(":irc.test 324 alice #dev +nt", modes[0]);
        Assert.Matches(@"^:irc\.test 329 alice #dev \d{10}$", modes[1]);
        await alice.SendAsync("MODE #dev b");
        Assert.Equal([":irc.test 368 alice #dev :End of channel ban list"], await alice.IrcSyncAsync());
        await alice.SendAsync("MODE");
        Assert.Equal([":irc.test 461 alice MODE :Not enough parameters"], await alice.IrcSyncAsync());
        await alice.SendAsync("TOPIC #dev");
        Assert.Equal([":irc.test 331 alice #dev :No topic is set"], await alice.IrcSyncAsync());
        await alice.SendAsync("MOTD");
        Assert.Equal([":irc.test 422 alice :MOTD File is missing"], await alice.IrcSyncAsync());
        await alice.SendAsync("VERSION");
        var version = await alice.IrcSyncAsync();
        Assert.Matches(@"^:irc\.test 351 alice ActorChat-\S+ irc\.test :ActorChat$", version[0]);
        Assert.All(version.Skip(1), l => Assert.Equal("005", IrcClient.Command(l)));
        await alice.SendAsync("LUSERS");
        var lusers = await alice.IrcSyncAsync();
        Assert.Equal(":irc.test 251 alice :There are 1 users and 0 invisible on 1 servers", lusers[0]);
        Assert.Equal(":irc.test 254 alice 2 :channels formed", lusers[3]);
    }
}
