using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcNumericsTests
{
    [Fact]
    public void A_reply_with_a_standard_text_appends_it_as_the_trailing_parameter()
    {
        var reply = IrcNumerics.Reply("irc.example", IrcNumerics.ErrNicknameInUse, "*", "alice");
        Assert.Equal(":irc.example 433 * alice :Nickname is already in use", reply.ToString());
    }

    [Fact]
    public void A_reply_without_a_standard_text_takes_the_callers_text()
    {
        var reply = IrcNumerics.Reply("irc.example", IrcNumerics.RplWelcome, "alice", "Welcome to the ActorChat IRC network alice");
        Assert.Equal(":irc.example 001 alice :Welcome to the ActorChat IRC network alice", reply.ToString());
    }

    [Fact]
    public void Every_numeric_is_three_digits_and_unique()
    {
        var values = typeof(IrcNumerics).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(values.Count > 70);
        Assert.All(values, v => Assert.Matches("^[0-9]{3}$", v));
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Theory]
    [InlineData("401", "No such nick/channel")]
    [InlineData("403", "No such channel")]
    [InlineData("421", "Unknown command")]
    [InlineData("451", "You have not registered")]
    [InlineData("461", "Not enough parameters")]
    [InlineData("482", "You're not channel operator")]
    [InlineData("904", "SASL authentication failed")]
    public void Standard_texts(string numeric, string text)
    {
        Assert.Equal(text, IrcNumerics.StandardText(numeric));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData(null, "*")]
    [InlineData("", "*")]
    [InlineData("a b", "*")]
    [InlineData(":x", "*")]
    [InlineData("a\rb", "*")]
    public void Echoed_words_are_safe_middle_parameters(string? word, string echoed)
    {
        Assert.Equal(echoed, IrcNumerics.Echo(word));
    }

    [Fact]
    public void A_long_echoed_word_is_cut_without_splitting_a_character()
    {
        var echoed = IrcNumerics.Echo(new string('é', 100));
        Assert.Equal(new string('é', IrcNumerics.MaxEchoBytes / 2), echoed);
        var reply = IrcNumerics.Reply("irc.example", IrcNumerics.ErrUnknownCommand, "someone-with-a-long-nick", IrcNumerics.Echo(new string('X', 500)));
        Assert.True(reply.ToBytes(out _) is { Length: <= 512 });
    }
}
