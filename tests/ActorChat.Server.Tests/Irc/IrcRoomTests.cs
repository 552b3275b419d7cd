using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

public class IrcRoomTests
{
    private static Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(["Chat:ServerName=irc.test", .. settings]);

    [Fact]
    public async Task Join_answers_with_the_join_and_names_and_line_and_irc_users_see_one_order()
    {
        await using var server = await StartAsync();
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.ExpectAsync("#dev -> carol joined");
        var alice = await server.IrcLoginAsync("alice");
        var joined = await alice.JoinAsync("#dev");
        Assert.Equal([":alice!alice@irc.test JOIN #dev", ":irc.test 353 alice = #dev :@carol alice", ":irc.test 366 alice #dev :End of /NAMES list"], joined);
        await carol.ExpectAsync("#dev -> alice joined");

        for (var i = 0; i < 20; i++)
        {
            await alice.SendAsync($"PRIVMSG #dev :from irc {i}");
            await carol.SendAsync($"/msg #dev from line {i}");
        }
        var seenByCarol = (await carol.ReadUntilAsync(l => l.EndsWith("from irc 19", StringComparison.Ordinal))).Where(l => l.Contains("from irc", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"#dev <alice> from irc {i}"), seenByCarol);
        var seenByAlice = (await alice.ReadUntilAsync(l => l.EndsWith("from line 19", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $":carol!carol@irc.test PRIVMSG #dev :from line {i}"), seenByAlice);

        // One order: a third member of each protocol sees the two streams interleaved identically.
        var dave = await server.IrcLoginAsync("dave");
        await dave.JoinAsync("#dev");
        var erin = await server.LoginAsync("erin");
        await erin.SendAsync("/join #dev");
        await dave.ExpectAsync(":erin!erin@irc.test JOIN #dev");
        await erin.ExpectAsync(l => l.StartsWith("#dev -> erin joined", StringComparison.Ordinal));
        await erin.SyncAsync();
        for (var i = 0; i < 10; i++)
        {
            await alice.SendAsync($"PRIVMSG #dev :a{i}");
            await carol.SendAsync($"/msg #dev c{i}");
        }
        var daveOrder = await TwentyAsync(dave);
        var erinOrder = await TwentyAsync(erin);
        Assert.Equal(daveOrder, erinOrder);

        static async Task<List<string>> TwentyAsync(TestClient client)
        {
            var seen = new List<string>();
            await client.ReadUntilAsync(l =>
            {
                if (l.Split(' ')[^1].TrimStart(':') is { Length: 2 } t && t[0] is 'a' or 'c')
                {
                    seen.Add(t);
                }
                return seen.Count == 20;
            });
            return seen;
        }
    }

    [Fact]
    public async Task Join_several_join_zero_and_part_with_their_errors()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.SendAsync("JOIN #a,#b,&c,#bad!name");
        var lines = await alice.IrcSyncAsync();
        Assert.Contains(":alice!alice@irc.test JOIN #a", lines);
        Assert.Contains(":alice!alice@irc.test JOIN #b", lines);
        Assert.Contains(":irc.test 403 alice &c :No such channel", lines);
        Assert.Contains(":irc.test 403 alice #bad!name :No such channel", lines);
        await alice.SendAsync("PART #a :see you");
        Assert.Equal(":alice!alice@irc.test PART #a :see you", await alice.NextAsync());
        await alice.SendAsync("PART #a");
        Assert.Equal(":irc.test 442 alice #a :You're not on that channel", await alice.NextAsync());
        await alice.SendAsync("PART");
        Assert.Equal(":irc.test 461 alice PART :Not enough parameters", await alice.NextAsync());
        await alice.SendAsync("JOIN #c");
        await alice.ReadUntilAsync(l => IrcClient.Command(l) == "366");
        await alice.SendAsync("JOIN 0");
        var parts = await alice.IrcSyncAsync();
        Assert.Equal([":alice!alice@irc.test PART #c :Left all channels", ":alice!alice@irc.test PART #b :Left all channels"], parts);
    }

    [Fact]
    public async Task Privmsg_and_notice_to_channels_and_nicks_with_their_errors()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        var bob = await server.IrcLoginAsync("bob");
        var carol = await server.LoginAsync("carol");
        await alice.SendAsync("PRIVMSG bob :hi bob");
        Assert.Equal(":alice!alice@irc.test PRIVMSG bob :hi bob", await bob.NextAsync());
        await alice.SendAsync("PRIVMSG carol :hi carol");
        await carol.ExpectAsync("[pm] <alice> hi carol");
        await carol.SendAsync("/msg alice hi from the line");
        Assert.Equal(":carol!carol@irc.test PRIVMSG alice :hi from the line", await alice.NextAsync());
        await alice.SendAsync("PRIVMSG nobody :x");
        Assert.Equal(":irc.test 401 alice nobody :No such nick/channel", await alice.NextAsync());
        await alice.SendAsync("PRIVMSG #nowhere :x");
        Assert.Equal(":irc.test 404 alice #nowhere :Cannot send to channel", await alice.NextAsync());
        await alice.SendAsync("PRIVMSG");
        Assert.Equal(":irc.test 411 alice :No recipient given (PRIVMSG)", await alice.NextAsync());
        await alice.SendAsync("PRIVMSG bob");
        Assert.Equal(":irc.test 412 alice :No text to send", await alice.NextAsync());
        await alice.SendAsync("NOTICE nobody :x");
        await alice.SendAsync("NOTICE #nowhere :x");
        await alice.SendAsync("NOTICE");
        Assert.Empty(await alice.IrcSyncAsync());
        await alice.SendAsync("NOTICE bob :psst");
        Assert.Equal(":alice!alice@irc.test PRIVMSG bob :psst", await bob.NextAsync());
        await alice.SendAsync("PRIVMSG bob :\u0001VERSION\u0001");
        Assert.Empty(await bob.IrcSyncAsync());
    }

    [Fact]
    public async Task Me_and_ctcp_action_are_one_thing_and_line_users_see_no_colour_codes()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#lobby");
        var carol = await server.LoginAsync("carol");
        await alice.ExpectAsync(":carol!carol@irc.test JOIN #lobby");
        await alice.SendAsync("PRIVMSG #lobby :\u0001ACTION waves\u0001");
        await carol.ExpectAsync("#lobby * alice waves");
        await carol.SendAsync("/me waves back");
        Assert.Equal(":carol!carol@irc.test PRIVMSG #lobby :\u0001ACTION waves back\u0001", await alice.NextAsync());
        await alice.SendAsync("PRIVMSG #lobby :\u0002bold\u0002 and \u000304,01red\u0003 \u001b[31mno escapes");
        await carol.ExpectAsync("#lobby <alice> bold and red no escapes");
        var bob = await server.IrcLoginAsync("bob");
        await bob.JoinAsync("#lobby");
        await alice.SendAsync("PRIVMSG #lobby :\u0002bold\u0002 stays for IRC");
        await bob.ExpectAsync(":alice!alice@irc.test PRIVMSG #lobby :\u0002bold\u0002 stays for IRC");
    }

    [Fact]
    public async Task A_long_line_protocol_message_reaches_irc_users_split_into_valid_lines()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#lobby");
        var carol = await server.LoginAsync("carol");
        await alice.ExpectAsync(":carol!carol@irc.test JOIN #lobby");
        var words = string.Join(' ', Enumerable.Range(0, 580).Select(i => $"w{i:D3}é"));     // ~4000 bytes, some not ASCII
        Assert.InRange(Encoding.UTF8.GetByteCount(words), 3500, 4090);
        await carol.SendAsync(words);
        var lines = await alice.ReadUntilAsync(l => l.EndsWith("w579é", StringComparison.Ordinal));
        Assert.True(lines.Count >= 8, $"{lines.Count} lines");
        Assert.All(lines, l =>
        {
            Assert.StartsWith(":carol!carol@irc.test PRIVMSG #lobby :", l, StringComparison.Ordinal);
            Assert.InRange(Encoding.UTF8.GetByteCount(l) + 2, 0, 512);
        });
        Assert.Equal(words, string.Join(' ', lines.Select(l => l[":carol!carol@irc.test PRIVMSG #lobby :".Length..])));
    }

    [Fact]
    public async Task Nick_changes_are_seen_once_by_irc_peers_and_by_line_users()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#a");
        await alice.JoinAsync("#b");
        var bob = await server.IrcLoginAsync("bob");
        await bob.JoinAsync("#a");
        await bob.JoinAsync("#b");
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join a");
        await carol.ExpectAsync(l => l.StartsWith("#a -> carol joined", StringComparison.Ordinal));
        await alice.SendAsync("NICK alicia");
        Assert.Equal([":alice!alice@irc.test NICK :alicia"], Skip(await alice.IrcSyncAsync(), ":bob", ":carol"));
        Assert.Equal([":alice!alice@irc.test NICK :alicia"], Skip(await bob.IrcSyncAsync(), ":carol"));
        await carol.ExpectAsync("#a ~ alice is now alicia");
        await alice.SendAsync("NICK bob");
        Assert.Equal([":irc.test 433 alicia bob :Nickname is already in use"], await alice.IrcSyncAsync());

        static List<string> Skip(List<string> lines, params string[] prefixes) => [.. lines.Where(l => !prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)))];
    }

    [Fact]
    public async Task The_udp_mirror_carries_what_irc_users_say_without_colour_codes()
    {
        await using var server = await StartAsync();
        using var listener = new UdpListener(server.Udp);
        await listener.SubscribeAsync("dev");
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#dev");
        await alice.SendAsync("PRIVMSG #dev :\u0002hello\u0002 udp");
        await alice.SendAsync("PRIVMSG #dev :\u0001ACTION waves\u0001");
        Assert.Equal("1 #dev -> alice joined", await listener.ReceiveAsync());
        Assert.Equal("2 #dev <alice> hello udp", await listener.ReceiveAsync());
        Assert.Equal("3 #dev * alice waves", await listener.ReceiveAsync());
    }
}
