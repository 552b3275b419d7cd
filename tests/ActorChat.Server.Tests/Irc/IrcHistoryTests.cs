using System.Text.RegularExpressions;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

public partial class IrcHistoryTests
{
    private static async Task<TestServer> StartWithHistoryAsync()
    {
        var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.SendAsync("/msg #dev first");
        await carol.SendAsync("/me second");
        await carol.SyncAsync();
        return server;
    }

    [Fact]
    public async Task A_plain_client_gets_no_history_on_join()
    {
        await using var server = await StartWithHistoryAsync();
        var plain = await server.IrcLoginAsync("plain");
        await plain.JoinAsync("#dev");
        Assert.Empty(await plain.IrcSyncAsync());
    }

    [Fact]
    public async Task Server_time_alone_gets_time_tagged_history_without_a_batch()
    {
        await using var server = await StartWithHistoryAsync();
        var timed = await server.IrcLoginAsync("timed", "server-time");
        await timed.JoinAsync("#dev");
        var history = await timed.IrcSyncAsync();
        Assert.Equal(2, history.Count);
        Assert.Matches(Tagged("time=[^ ;]+", "PRIVMSG #dev :first"), history[0]);
        Assert.Matches(Tagged("time=[^ ;]+", "PRIVMSG #dev :\u0001ACTION second\u0001"), history[1]);
    }

    [Fact]
    public async Task Batch_and_server_time_get_a_chathistory_batch_and_live_lines_are_time_tagged()
    {
        await using var server = await StartWithHistoryAsync();
        var modern = await server.IrcLoginAsync("modern", "batch", "server-time");
        await modern.JoinAsync("#dev");
        var history = await modern.IrcSyncAsync();
        Assert.Equal(4, history.Count);
        Assert.Equal(":irc.test BATCH +history chathistory #dev", history[0]);
        Assert.Matches(Tagged("batch=history;time=[^ ;]+", "PRIVMSG #dev :first"), history[1]);
        Assert.Matches(Tagged("batch=history;time=[^ ;]+", "PRIVMSG #dev :\u0001ACTION second\u0001"), history[2]);
        Assert.Equal(":irc.test BATCH -history", history[3]);

        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await modern.ExpectAsync(l => Regex.IsMatch(l, Tagged("time=[^ ;]+", "JOIN #dev", "bob")));
    }

    [Fact]
    public async Task Chathistory_latest_answers_in_a_batch_and_other_kinds_fail()
    {
        await using var server = await StartWithHistoryAsync();
        var modern = await server.IrcLoginAsync("modern", "batch", "server-time", "draft/chathistory");
        await modern.JoinAsync("#dev");
        await modern.IrcSyncAsync();
        await modern.SendAsync("CHATHISTORY LATEST #dev * 1");
        var latest = await modern.IrcSyncAsync();
        Assert.Equal([":irc.test BATCH +history chathistory #dev", ":irc.test BATCH -history"], [latest[0], latest[^1]]);
        Assert.Single(latest, l => l.Contains("PRIVMSG", StringComparison.Ordinal));
        Assert.Contains("ACTION second", latest[1], StringComparison.Ordinal);

        await modern.SendAsync($"CHATHISTORY BEFORE #dev timestamp={TimeOf(latest[1])} 10");
        Assert.Equal([":irc.test FAIL CHATHISTORY INVALID_PARAMS BEFORE :Only LATEST is supported"], await modern.IrcSyncAsync());
        await modern.SendAsync("CHATHISTORY LATEST #elsewhere * 10");
        Assert.Equal(["FAIL CHATHISTORY INVALID_TARGET #elsewhere :Messages could not be retrieved"], (await modern.IrcSyncAsync()).Select(l => l[(l.IndexOf(' ') + 1)..]));
        await modern.SendAsync("CHATHISTORY FROB #dev");
        Assert.StartsWith(":irc.test FAIL CHATHISTORY UNKNOWN_COMMAND FROB ", (await modern.IrcSyncAsync())[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_message_sends_the_client_its_own_messages()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var echo = await server.IrcLoginAsync("echo", "echo-message");
        await echo.JoinAsync("#dev");
        await echo.SendAsync("PRIVMSG #dev :hello");
        Assert.Equal([":echo!echo@irc.test PRIVMSG #dev :hello"], await echo.IrcSyncAsync());
        var quiet = await server.IrcLoginAsync("quiet");
        await quiet.JoinAsync("#dev");
        await quiet.SendAsync("PRIVMSG #dev :hello");
        Assert.Empty(await quiet.IrcSyncAsync());
    }

    private static string Tagged(string tags, string rest, string nick = "carol") =>
        $"^@{tags} :{nick}!{nick}@irc\\.test {Regex.Escape(rest)}$";

    private static string TimeOf(string line) => TimeTag().Match(line).Groups[1].Value;

    [GeneratedRegex("time=([^ ;]+)")]
    private static partial Regex TimeTag();
}
