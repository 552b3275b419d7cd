using System.Text;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcMessageTests
{
    private static IrcMessage Parsed(string line)
    {
        var result = IrcMessage.Parse(line);
        Assert.Equal(IrcParseError.None, result.Error);
        return result.Message!;
    }

    private static string Format(IrcMessage message)
    {
        Assert.True(message.TryFormat(out var line, out var error), error.ToString());
        return line;
    }

    [Fact]
    public void A_plain_command_with_middle_and_trailing_parameters()
    {
        var m = Parsed("PRIVMSG #dev :hello there");
        Assert.Null(m.Source);
        Assert.Equal("PRIVMSG", m.Command);
        Assert.Equal(["#dev", "hello there"], m.Params);
    }

    [Fact]
    public void The_command_is_upper_cased_and_numerics_are_kept()
    {
        Assert.Equal("NICK", Parsed("nick alice").Command);
        Assert.Equal("001", Parsed(":irc.example 001 alice :Welcome").Command);
    }

    [Theory]
    [InlineData(":irc.example PING x", "irc.example")]
    [InlineData(":alice!al@host.example PRIVMSG bob :hi", "alice!al@host.example")]
    public void The_source_prefix_is_read(string line, string source)
    {
        Assert.Equal(source, Parsed(line).Source);
    }

    [Theory]
    [InlineData("PRIVMSG #a :", new[] { "#a", "" })]
    [InlineData("PRIVMSG #a ::-)", new[] { "#a", ":-)" })]
    [InlineData("PRIVMSG #a :a  b ", new[] { "#a", "a  b " })]
    [InlineData("USER al 0 * :Al Ice", new[] { "al", "0", "*", "Al Ice" })]
    [InlineData("MODE  #a   +o   bob ", new[] { "#a", "+o", "bob" })]
    [InlineData("QUIT", new string[0])]
    public void Trailing_and_middle_parameters(string line, string[] expected)
    {
        Assert.Equal(expected, Parsed(line).Params);
    }

    [Fact]
    public void The_fifteenth_parameter_takes_the_rest_of_the_line_as_RFC_2812_says()
    {
        var m = Parsed("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
        Assert.Equal(15, m.Params.Count);
        Assert.Equal("15 16 17", m.Params[14]);
    }

    [Fact]
    public void Tags_are_read_and_unescaped_and_the_last_repeated_key_counts()
    {
        var m = Parsed(@"@time=2026-11-23T18:00:00.000Z;+draft/reply=a\:b\sc\\d\re\nf\x\;flag;flag=again;; :a!b@c PRIVMSG #x :y");
        Assert.True(m.TryGetTag("time", out var time));
        Assert.Equal("2026-11-23T18:00:00.000Z", time);
        Assert.True(m.TryGetTag("+draft/reply", out var reply));
        Assert.Equal("a;b c\\d\re\nfx", reply);
        Assert.True(m.TryGetTag("flag", out var flag));
        Assert.Equal("again", flag);
        Assert.Equal(3, m.Tags.Count);
        Assert.True(m.Tags.Single(t => t.Key == "+draft/reply").IsClientOnly);
        Assert.Equal("a!b@c", m.Source);
    }

    [Fact]
    public void A_tag_without_a_value_has_the_empty_value()
    {
        Assert.True(Parsed("@account TAGMSG #a").TryGetTag("account", out var value));
        Assert.Equal("", value);
    }

    [Theory]
    [InlineData("@+=x PING x")]
    [InlineData("@/a=1 PING x")]
    [InlineData("@a/=1 PING x")]
    [InlineData("@a_b=1 PING x")]
    public void Malformed_tag_keys_are_errors(string line)
    {
        Assert.Equal(IrcParseError.InvalidTag, IrcMessage.Parse(line).Error);
    }

    [Fact]
    public void Only_the_first_equals_sign_separates_key_and_value()
    {
        Assert.Equal(new IrcTag("a", "b=c"), Parsed("@a=b=c PING x").Tags[0]);
    }

    [Theory]
    [InlineData("", IrcParseError.Empty)]
    [InlineData("   ", IrcParseError.Empty)]
    [InlineData("@a=b", IrcParseError.Empty)]
    [InlineData(":source", IrcParseError.InvalidCommand)]
    [InlineData(": PING", IrcParseError.InvalidCommand)]
    [InlineData("12 x", IrcParseError.InvalidCommand)]
    [InlineData("PR1VMSG x", IrcParseError.InvalidCommand)]
    [InlineData("PING a\0b", IrcParseError.ForbiddenCharacter)]
    [InlineData("PING a\rb", IrcParseError.ForbiddenCharacter)]
    public void Lines_that_are_no_message_give_an_error_not_an_exception(string line, object error)
    {
        Assert.Equal(error, IrcMessage.Parse(line).Error);
    }

    [Fact]
    public void The_body_may_be_510_bytes_and_not_one_more()
    {
        var prefix = "PRIVMSG #a :";
        var ok = prefix + new string('x', 510 - prefix.Length);
        Assert.Equal(IrcParseError.None, IrcMessage.Parse(ok).Error);
        Assert.Equal(IrcParseError.BodyTooLong, IrcMessage.Parse(ok + "x").Error);
    }

    [Fact]
    public void The_body_limit_counts_bytes_not_characters()
    {
        var prefix = "PRIVMSG #a :";
        var text = new string('é', (510 - prefix.Length) / 2);      // 2 bytes each
        Assert.Equal(IrcParseError.None, IrcMessage.Parse(prefix + text).Error);
        Assert.Equal(IrcParseError.BodyTooLong, IrcMessage.Parse(prefix + text + "é").Error);
    }

    [Fact]
    public void Client_tag_data_may_be_4094_bytes_and_server_tag_data_8189()
    {
        static string Line(int tagBytes) => "@a=" + new string('v', tagBytes - 2) + " PING x";
        Assert.Equal(IrcParseError.None, IrcMessage.Parse(Line(4094)).Error);
        Assert.Equal(IrcParseError.TagsTooLong, IrcMessage.Parse(Line(4095)).Error);
        Assert.Equal(IrcParseError.None, IrcMessage.Parse(Line(8189), IrcMessage.MaxServerTagDataBytes).Error);
        Assert.Equal(IrcParseError.TagsTooLong, IrcMessage.Parse(Line(8190), IrcMessage.MaxServerTagDataBytes).Error);
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_or_latin1()
    {
        byte[] line = [.. "PRIVMSG #a :caf"u8, 0xE9, .. " ok"u8];
        Assert.Equal("caf\uFFFD ok", IrcMessage.Parse(line).Message!.Params[1]);
        Assert.Equal("café ok", IrcMessage.Parse(line, fallback: IrcTextFallback.Latin1).Message!.Params[1]);
        Assert.Equal("€", IrcMessage.Parse("PRIVMSG #a :€"u8, fallback: IrcTextFallback.Latin1).Message!.Params[1]);
    }

    [Theory]
    [InlineData("PRIVMSG #a hello", "#a", "hello")]
    [InlineData("PRIVMSG #a :hello world", "#a", "hello world")]
    [InlineData("PRIVMSG #a :", "#a", "")]
    [InlineData("PRIVMSG #a ::)", "#a", ":)")]
    public void Formatting_uses_a_colon_only_where_the_last_parameter_needs_one(string expected, string target, string text)
    {
        Assert.Equal(expected, Format(new IrcMessage("PRIVMSG", target, text)));
    }

    [Fact]
    public void Formatting_writes_tags_escaped_the_source_and_a_forced_trailing()
    {
        var m = new IrcMessage("353", "alice", "=", "#dev", "@bob")
        {
            Source = "irc.example",
            ForceTrailing = true,
            Tags = [new IrcTag("time", "2026-11-23T18:00:00.000Z"), new IrcTag("+x", "a; b\\"), new IrcTag("flag")],
        };
        var line = Format(m);
        Assert.Equal(@"@time=2026-11-23T18:00:00.000Z;+x=a\:\sb\\;flag :irc.example 353 alice = #dev :@bob", line);
        var back = Parsed(line);
        Assert.Equal(m.Params, back.Params);
        Assert.Equal(m.Tags, back.Tags);
    }

    [Theory]
    [InlineData(IrcFormatError.InvalidParameter, "PRIVMSG", "a b", "x")]
    [InlineData(IrcFormatError.InvalidParameter, "PRIVMSG", ":a", "x")]
    [InlineData(IrcFormatError.InvalidParameter, "PRIVMSG", "", "x")]
    [InlineData(IrcFormatError.ForbiddenCharacter, "PRIVMSG", "#a", "x\r\nQUIT")]
    [InlineData(IrcFormatError.ForbiddenCharacter, "PRIVMSG", "#a", "x\0")]
    [InlineData(IrcFormatError.InvalidCommand, "PRIV MSG", "#a", "x")]
    public void Messages_that_would_not_be_one_valid_line_are_refused(object error, string command, string target, string text)
    {
        Assert.False(new IrcMessage(command, target, text).TryFormat(out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void The_512_byte_rule_applies_to_formatting_with_CRLF_counted()
    {
        var prefix = ":irc.example NOTICE alice :";
        var fits = new IrcMessage("NOTICE", "alice", new string('x', 510 - prefix.Length)) { Source = "irc.example", ForceTrailing = true };
        var bytes = fits.ToBytes(out _);
        Assert.Equal(512, bytes!.Length);
        Assert.Equal("\r\n"u8.ToArray(), bytes[^2..]);
        var over = fits with { Params = ["alice", new string('x', 511 - prefix.Length)] };
        Assert.Null(over.ToBytes(out var error));
        Assert.Equal(IrcFormatError.BodyTooLong, error);
    }

    [Fact]
    public void Tags_over_8191_bytes_are_refused_when_formatting()
    {
        var m = new IrcMessage("PING", "x") { Tags = [new IrcTag("a", new string('v', 8191))] };
        Assert.False(m.TryFormat(out _, out var error));
        Assert.Equal(IrcFormatError.TagsTooLong, error);
    }

    [Fact]
    public void Sixteen_parameters_are_refused_when_formatting()
    {
        var m = new IrcMessage("X", [.. Enumerable.Range(0, 16).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.False(m.TryFormat(out _, out var error));
        Assert.Equal(IrcFormatError.InvalidParameter, error);
    }

    [Fact]
    public void Hostile_input_never_throws_and_what_parses_formats_back_to_the_same_message()
    {
        byte[] alphabet = [.. "@:; =\\+/#!a0 \r\n\0"u8, 0xC3, 0xA9, 0xFF, 0x01];
        for (var seed = 0; seed < 5000; seed++)
        {
            var random = new Random(seed);
            var line = new byte[random.Next(0, 200)];
            for (var i = 0; i < line.Length; i++)
            {
                line[i] = random.Next(5) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }
            var result = IrcMessage.Parse(line, fallback: (IrcTextFallback)(seed % 2));
            Assert.True((result.Message is null) == (result.Error != IrcParseError.None), $"seed {seed}");
            if (result.Message is { } m && m.TryFormat(out var text, out _))
            {
                var again = IrcMessage.Parse(Encoding.UTF8.GetBytes(text), IrcMessage.MaxServerTagDataBytes);
                Assert.True(again.Message is not null, $"seed {seed}: {again.Error}");
                Assert.Equal(m.Command, again.Message.Command);
                Assert.Equal(m.Params, again.Message.Params);
                Assert.Equal(m.Source, again.Message.Source);
                Assert.Equal(m.Tags, again.Message.Tags);
            }
        }
    }
}
