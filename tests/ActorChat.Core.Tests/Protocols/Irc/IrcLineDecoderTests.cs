using System.Text;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcLineDecoderTests
{
    private static List<IrcInput> Decode(IrcLineDecoder decoder, params byte[][] chunks) =>
        DecoderFeed.Feed<IrcInput>(decoder.TryDecode, chunks);

    /// <summary>Each event as text: the formatted message, its parse error, or "too long".</summary>
    private static List<string> Events(IrcLineDecoder decoder, params byte[][] chunks) =>
        [.. Decode(decoder, chunks).Select(e => e.Kind == IrcInputKind.LineTooLong ? "too long"
            : e.Parsed.Message?.ToString() ?? e.Parsed.Error.ToString())];

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("NICK a\nUSER a 0 * :A\n")]
    [InlineData("NICK a\r\nUSER a 0 * :A\r\n")]
    [InlineData("NICK a\rUSER a 0 * :A\r")]
    [InlineData("\r\n\r\nNICK a\n\n   \nUSER a 0 * :A\r\n")]
    public void LF_CRLF_and_CR_end_lines_and_empty_lines_are_skipped(string input)
    {
        Assert.Equal(["NICK a", "USER a 0 * A"], Events(new IrcLineDecoder(), B(input)));
    }

    [Fact]
    public void A_line_split_byte_by_byte_and_a_split_CRLF_give_one_message()
    {
        var bytes = B("PRIVMSG #dev :你好\r\n");
        Assert.Equal(["PRIVMSG #dev 你好"], Events(new IrcLineDecoder(), [.. bytes.Select(b => new[] { b })]));
    }

    [Fact]
    public void A_partial_line_waits_for_its_end()
    {
        var decoder = new IrcLineDecoder();
        Assert.Empty(Decode(decoder, B("PI")));
        Assert.Equal(["PING x"], Events(decoder, B("NG x\r\n")));
    }

    [Fact]
    public void A_line_over_the_limit_is_reported_once_and_skipped_then_reading_resumes()
    {
        var decoder = new IrcLineDecoder(maxLineBytes: 16);
        var events = Events(decoder, B("PING 0123456789\n"), B("PING 01234567890"), B("123456789"), B("0123\r\nPING ok\n"));
        Assert.Equal(["PING 0123456789", "too long", "PING ok"], events);
    }

    [Fact]
    public void The_default_limit_admits_full_client_tags_and_a_full_body()
    {
        var line = "@a=" + new string('v', IrcMessage.MaxClientTagDataBytes - 2) + " PRIVMSG #a :" + new string('x', 510 - 12);
        Assert.Equal(IrcMessage.MaxClientLineBytes, Encoding.UTF8.GetByteCount(line));
        var e = Assert.Single(Decode(new IrcLineDecoder(), B(line + "\r\n")));
        Assert.Equal(IrcParseError.None, e.Parsed.Error);
        Assert.Equal(IrcInputKind.LineTooLong, Decode(new IrcLineDecoder(), B(line + "x\r\n"))[0].Kind);
    }

    [Fact]
    public void Parse_errors_are_events_and_the_next_line_still_works()
    {
        Assert.Equal(["InvalidCommand", "PING x"], Events(new IrcLineDecoder(), B(":only-a-source\r\nPING x\r\n")));
    }

    [Fact]
    public void Invalid_utf8_falls_back_to_latin1_by_default()
    {
        byte[] line = [.. "PRIVMSG #a :caf"u8, 0xE9, (byte)'\n'];
        Assert.Equal(["PRIVMSG #a café"], Events(new IrcLineDecoder(), line));
        Assert.Equal(["PRIVMSG #a caf\uFFFD"], Events(new IrcLineDecoder(fallback: IrcTextFallback.Replace), line));
    }

    [Fact]
    public void Fuzz_never_throws_and_does_not_depend_on_how_reads_are_cut()
    {
        byte[] alphabet = [.. "@:; =\\+/#!a \r\n\0P"u8, 0xC3, 0xA9, 0xFF];
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var stream = new byte[random.Next(0, 400)];
            for (var i = 0; i < stream.Length; i++)
            {
                stream[i] = random.Next(5) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }
            var whole = Events(new IrcLineDecoder(maxLineBytes: 64), stream);
            var bytewise = Events(new IrcLineDecoder(maxLineBytes: 64), [.. stream.Select(b => new[] { b })]);
            var cut = random.Next(stream.Length + 1);
            var halves = Events(new IrcLineDecoder(maxLineBytes: 64), stream[..cut], stream[cut..]);
            Assert.Equal(whole, bytewise);
            Assert.Equal(whole, halves);
        }
    }
}
