using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IsupportBuilderTests
{
    [Fact]
    public void The_standard_tokens_are_truthful_to_the_name_rules()
    {
        var tokens = IsupportBuilder.Standard(new IsupportSettings("ActorChat", TopicLength: 300, HistoryLimit: 500)).Tokens;
        foreach (var expected in new[] { "CASEMAPPING=ascii", "CHANTYPES=#", "NICKLEN=24", "CHANNELLEN=33", "TOPICLEN=300", "PREFIX=(o)@", "CHANMODES=b,,,int", "NETWORK=ActorChat", "CHATHISTORY=500" })
        {
            Assert.Contains(expected, tokens);
        }
    }

    [Fact]
    public void Without_history_no_chathistory_token()
    {
        var tokens = IsupportBuilder.Standard(new IsupportSettings("n", 300, HistoryLimit: 0)).Tokens;
        Assert.DoesNotContain(tokens, t => t.StartsWith("CHATHISTORY", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_are_escaped()
    {
        var tokens = new IsupportBuilder().Add("NETWORK", "My Net=1\\").Add("SAFELIST").Tokens;
        Assert.Equal(["NETWORK=My\\x20Net\\x3D1\\x5C", "SAFELIST"], tokens);
    }

    [Fact]
    public void Lines_hold_at_most_13_tokens_and_512_bytes()
    {
        var builder = new IsupportBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.Add($"TOKEN{i}", new string('v', i * 3));
        }
        var lines = builder.Build("irc.example", "alice");
        Assert.True(lines.Count > 3);
        Assert.All(lines, l =>
        {
            Assert.Equal("005", l.Command);
            Assert.Equal("alice", l.Params[0]);
            Assert.Equal(IsupportBuilder.TrailingText, l.Params[^1]);
            Assert.True(l.Params.Count <= 15);
            Assert.True(l.ToBytes(out _)!.Length <= 512);
        });
        Assert.Equal(builder.Tokens, lines.SelectMany(l => l.Params.Skip(1).SkipLast(1)));
    }

    [Fact]
    public void The_standard_set_is_one_or_two_valid_lines()
    {
        var lines = IsupportBuilder.Standard(new IsupportSettings("ActorChat", 300, 500)).Build("irc.example", "someone-with-a-long-nick");
        Assert.InRange(lines.Count, 1, 2);
        Assert.StartsWith(":irc.example 005 someone-with-a-long-nick AWAYLEN=200 CASEMAPPING=ascii ", lines[0].ToString(), StringComparison.Ordinal);
        Assert.EndsWith(" :are supported by this server", lines[^1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_names_must_be_upper_case()
    {
        Assert.Throws<ArgumentException>(() => new IsupportBuilder().Add("lower"));
    }
}
