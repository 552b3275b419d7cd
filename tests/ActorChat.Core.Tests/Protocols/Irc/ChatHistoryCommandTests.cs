using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class ChatHistoryCommandTests
{
    private static ChatHistoryRequest Parse(string line)
    {
        Assert.True(ChatHistoryCommand.TryParse(IrcMessage.Parse(line).Message!, "irc.example", 500, out var request, out var fail), fail?.ToString());
        return request;
    }

    private static string Fail(string line)
    {
        Assert.False(ChatHistoryCommand.TryParse(IrcMessage.Parse(line).Message!, "irc.example", 500, out _, out var fail));
        return fail.ToString();
    }

    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Latest_with_a_star_has_no_reference()
    {
        Assert.Equal(new ChatHistoryRequest(ChatHistoryKind.Latest, "#dev", null, null, 50), Parse("CHATHISTORY LATEST #dev * 50"));
    }

    [Fact]
    public void Before_after_and_around_take_a_timestamp()
    {
        Assert.Equal(new ChatHistoryRequest(ChatHistoryKind.Before, "#dev", Noon, null, 10), Parse("CHATHISTORY BEFORE #dev timestamp=2026-11-23T12:00:00.000Z 10"));
        Assert.Equal(ChatHistoryKind.After, Parse("chathistory after bob timestamp=2026-11-23T12:00:00Z 10").Kind);
        Assert.Equal(Noon.AddMilliseconds(5), Parse("CHATHISTORY AROUND #dev timestamp=2026-11-23T12:00:00.005Z 10").From);
    }

    [Fact]
    public void Between_and_targets_take_two_timestamps()
    {
        var between = Parse("CHATHISTORY BETWEEN #dev timestamp=2026-11-23T12:00:00.000Z timestamp=2026-11-23T13:00:00.000Z 20");
        Assert.Equal((Noon, Noon.AddHours(1)), (between.From!.Value, between.To!.Value));
        var targets = Parse("CHATHISTORY TARGETS timestamp=2026-11-23T12:00:00.000Z timestamp=2026-11-23T13:00:00.000Z 20");
        Assert.Equal(new ChatHistoryRequest(ChatHistoryKind.Targets, "", Noon, Noon.AddHours(1), 20), targets);
    }

    [Fact]
    public void The_limit_is_capped_at_the_advertised_one()
    {
        Assert.Equal(500, Parse("CHATHISTORY LATEST #dev * 100000").Limit);
    }

    [Theory]
    [InlineData("CHATHISTORY", ":irc.example FAIL CHATHISTORY NEED_MORE_PARAMS * :Missing parameters")]
    [InlineData("CHATHISTORY LATEST #dev *", ":irc.example FAIL CHATHISTORY NEED_MORE_PARAMS LATEST :Missing parameters")]
    [InlineData("CHATHISTORY FROB #dev * 5", ":irc.example FAIL CHATHISTORY UNKNOWN_COMMAND FROB :Unknown command")]
    [InlineData("CHATHISTORY LATEST &dev * 5", ":irc.example FAIL CHATHISTORY INVALID_TARGET LATEST &dev :Messages could not be retrieved")]
    [InlineData("CHATHISTORY BEFORE #dev * 5", ":irc.example FAIL CHATHISTORY INVALID_PARAMS BEFORE :Invalid message reference or limit")]
    [InlineData("CHATHISTORY BEFORE #dev msgid=abc 5", ":irc.example FAIL CHATHISTORY INVALID_PARAMS BEFORE :Invalid message reference or limit")]
    [InlineData("CHATHISTORY LATEST #dev * 0", ":irc.example FAIL CHATHISTORY INVALID_PARAMS LATEST :Invalid message reference or limit")]
    [InlineData("CHATHISTORY LATEST #dev * -1", ":irc.example FAIL CHATHISTORY INVALID_PARAMS LATEST :Invalid message reference or limit")]
    [InlineData("CHATHISTORY LATEST #dev * 99999999999", ":irc.example FAIL CHATHISTORY INVALID_PARAMS LATEST :Invalid message reference or limit")]
    public void Bad_requests_get_a_standard_fail(string line, string fail)
    {
        Assert.Equal(fail, Fail(line));
    }

    [Fact]
    public void A_history_batch_tags_every_message_and_keeps_their_own_tags()
    {
        var said = new IrcMessage("PRIVMSG", "#dev", "hi") { Source = "a!a@h", Tags = [IrcText.ServerTimeTag(Noon)] };
        var lines = IrcBatch.Wrap("irc.example", "1", IrcBatch.ChatHistoryType, ["#dev"], [said, said]).Select(m => m.ToString());
        Assert.Equal(
            [":irc.example BATCH +1 chathistory #dev",
             "@batch=1;time=2026-11-23T12:00:00.000Z :a!a@h PRIVMSG #dev hi",
             "@batch=1;time=2026-11-23T12:00:00.000Z :a!a@h PRIVMSG #dev hi",
             ":irc.example BATCH -1"],
            lines);
    }
}
