using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

/// <summary>Topic, operators, modes, kicks, invitations, bans and away, mapped onto the room moderation the line protocol has too.</summary>
public class IrcModerationTests
{
    private static Task<TestServer> StartAsync() => TestServer.StartAsync("Chat:ServerName=irc.test");

    [Fact]
    public async Task The_first_joiner_is_operator_and_sets_the_topic_everyone_sees()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        Assert.Contains(":irc.test 353 alice = #dev :@alice", await alice.JoinAsync("#dev"));
        await alice.SendAsync("TOPIC #dev");
        Assert.Equal([":irc.test 331 alice #dev :No topic is set"], await alice.IrcSyncAsync());
        await alice.SendAsync("TOPIC #dev :release on friday");
        Assert.Equal([":alice!alice@irc.test TOPIC #dev :release on friday"], await alice.IrcSyncAsync());
        var bob = await server.IrcLoginAsync("bob");
        var joined = await bob.JoinAsync("#dev");
        Assert.Contains(":irc.test 332 bob #dev :release on friday", joined);
        Assert.Contains(joined, l => l.StartsWith(":irc.test 333 bob #dev alice ", StringComparison.Ordinal));
        Assert.Contains(":irc.test 353 bob = #dev :@alice bob", joined);
        await bob.SendAsync("TOPIC #dev :mine now");
        Assert.Equal([":irc.test 482 bob #dev :You're not channel operator"], await bob.IrcSyncAsync());
        await bob.SendAsync("TOPIC #elsewhere :x");
        Assert.Equal(["442"], (await bob.IrcSyncAsync()).Select(IrcClient.Command));
    }

    [Fact]
    public async Task Mode_o_kick_invite_only_and_bans_with_their_errors()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#dev");
        var bob = await server.IrcLoginAsync("bob");
        await bob.JoinAsync("#dev");
        await alice.ExpectAsync(":bob!bob@irc.test JOIN #dev");
        await bob.SendAsync("MODE #dev +o bob");
        Assert.Equal([":irc.test 482 bob #dev :You're not channel operator"], await bob.IrcSyncAsync());
        await alice.SendAsync("MODE #dev +o bob");
        Assert.Equal([":alice!alice@irc.test MODE #dev +o bob"], await alice.IrcSyncAsync());
        await bob.ExpectAsync(":alice!alice@irc.test MODE #dev +o bob");
        await alice.SendAsync("MODE #dev -o bob");
        await bob.ExpectAsync(":alice!alice@irc.test MODE #dev -o bob");
        await alice.SendAsync("MODE #dev +x");
        Assert.Contains(":irc.test 472 alice x :is unknown mode char to me", await alice.IrcSyncAsync());

        await alice.SendAsync("KICK #dev nobody");
        Assert.Equal(["441"], (await alice.IrcSyncAsync()).Select(IrcClient.Command));
        await alice.SendAsync("KICK #dev bob :behave");
        await bob.ExpectAsync(":alice!alice@irc.test KICK #dev bob :behave");
        await alice.SendAsync("MODE #dev +i");
        await alice.ExpectAsync(":alice!alice@irc.test MODE #dev +i");
        await bob.SendAsync("JOIN #dev");
        Assert.Equal([":irc.test 473 bob #dev :Cannot join channel (+i)"], await bob.IrcSyncAsync());
        await alice.SendAsync("INVITE bob #dev");
        Assert.Equal([":irc.test 341 alice bob #dev"], await alice.IrcSyncAsync());
        await bob.ExpectAsync(":alice!alice@irc.test INVITE bob #dev");
        await bob.JoinAsync("#dev");

        await alice.SendAsync("MODE #dev +b carol");
        await alice.ExpectAsync(l => l.StartsWith(":alice!alice@irc.test MODE #dev +b ", StringComparison.Ordinal));
        await alice.SendAsync("MODE #dev b");
        var list = await alice.IrcSyncAsync();
        Assert.Equal(["367", "368"], list.Select(IrcClient.Command));
        var carol = await server.IrcLoginAsync("carol");
        await carol.SendAsync("JOIN #dev");
        Assert.Equal([":irc.test 474 carol #dev :Cannot join channel (+b)"], await carol.IrcSyncAsync());
    }

    [Fact]
    public async Task Away_whois_and_the_away_reply_to_a_private_message()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#dev");
        var bob = await server.IrcLoginAsync("bob");
        await bob.SendAsync("AWAY :lunch");
        Assert.Equal([":irc.test 306 bob :You have been marked as being away"], await bob.IrcSyncAsync());
        await alice.SendAsync("PRIVMSG bob :hi");
        Assert.Equal([":irc.test 301 alice bob :lunch"], await alice.IrcSyncAsync());
        await alice.SendAsync("WHOIS bob");
        var whois = await alice.IrcSyncAsync();
        Assert.Equal(["311", "312", "301", "317", "318"], whois.Select(IrcClient.Command));
        await bob.SendAsync("AWAY");
        Assert.Contains(":irc.test 305 bob :You are no longer marked as being away", await bob.IrcSyncAsync());
        await bob.SendAsync("WHOIS alice");
        var channels = (await bob.IrcSyncAsync()).Single(l => IrcClient.Command(l) == "319");
        Assert.Equal(":irc.test 319 bob alice :@#dev", channels);
    }
}
