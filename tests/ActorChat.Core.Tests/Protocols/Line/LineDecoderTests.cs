using System.Text;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Tests.Protocols.Line;

public class LineDecoderTests
{
    /// <summary>Feeds the chunks one read at a time and collects every event.</summary>
    internal static List<InputEvent> Decode(LineDecoder decoder, params byte[][] chunks) =>
        DecoderFeed.Feed<InputEvent>(decoder.TryDecode, chunks);

    private static List<string> Lines(params byte[][] chunks) =>
        [.. Decode(new LineDecoder(4096), chunks).Where(e => e.Kind == InputKind.Line).Select(e => e.Text)];

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static readonly byte[] DoBinary = [255, 253, 0];

    /// <summary>Every telnet reply, in order, as the bytes the server sends.</summary>
    private static byte[] Replies(List<InputEvent> events) =>
        [.. events.Where(e => e.Kind == InputKind.TelnetReply).SelectMany(e => e.Reply!)];

    [Fact]
    public void A_line_split_byte_by_byte_is_one_line()
    {
        var bytes = B("hello world\r\n");
        Assert.Equal(["hello world"], Lines([.. bytes.Select(b => new[] { b })]));
    }

    [Fact]
    public void A_multibyte_character_split_between_reads_is_kept_whole()
    {
        var bytes = B("你好，世界\n");
        // Split inside the first character (3 bytes) and inside the third.
        Assert.Equal(["你好，世界"], Lines(bytes[..1], bytes[1..7], bytes[7..]));
    }

    [Fact]
    public void Many_lines_in_one_read_come_out_in_order()
    {
        Assert.Equal(["one", "two", "three"], Lines(B("one\ntwo\r\nthree\n")));
    }

    [Theory]
    [InlineData("a\nb\n")]
    [InlineData("a\r\nb\r\n")]
    [InlineData("a\r\0b\r\0")]
    [InlineData("a\r\nb\n")]
    public void All_three_line_ends_are_accepted(string input)
    {
        Assert.Equal(["a", "b"], Lines(B(input)));
    }

    [Fact]
    public void Crlf_split_between_reads_is_one_line_end()
    {
        Assert.Equal(["a", "", "b"], Lines(B("a\r"), B("\n\nb\r"), B("\n")));
    }

    [Fact]
    public void A_partial_line_waits_for_its_end()
    {
        var decoder = new LineDecoder(4096);
        Assert.Empty(Decode(decoder, B("hel")));
        Assert.Equal("hello", Assert.Single(Decode(decoder, B("lo\n"))).Text);
    }

    [Fact]
    public void A_line_at_the_limit_passes_and_one_byte_more_is_refused_then_reading_resumes()
    {
        var decoder = new LineDecoder(16);
        var events = Decode(decoder, B(new string('a', 16) + "\n" + new string('b', 17) + "\nnext\n"));
        Assert.Equal(
            [(InputKind.Line, new string('a', 16)), (InputKind.LineTooLong, ""), (InputKind.Line, "next")],
            events.Select(e => (e.Kind, e.Text)));
    }

    [Fact]
    public void An_over_long_line_is_reported_once_however_long_it_grows()
    {
        var decoder = new LineDecoder(64);
        var chunk = new byte[10_000];
        Array.Fill(chunk, (byte)'x');
        var events = Decode(decoder, chunk, chunk, chunk, B("\nok\n"));
        Assert.Equal([InputKind.LineTooLong, InputKind.Line], events.Select(e => e.Kind));
        Assert.Equal("ok", events[1].Text);
    }

    [Theory]
    [InlineData(253, 252)]   // DO x -> WONT x
    [InlineData(251, 254)]   // WILL x -> DONT x
    public void Telnet_option_requests_are_refused(byte verb, byte answer)
    {
        var events = Decode(new LineDecoder(4096), [255, verb, 24], B("hi\n"));
        Assert.Equal([InputKind.TelnetReply, InputKind.TelnetReply, InputKind.Line], events.Select(e => e.Kind));
        Assert.Equal(DoBinary, events[0].Reply);       // the first IAC shows a telnet: the offer
        Assert.Equal(new byte[] { 255, answer, 24 }, events[1].Reply);
        Assert.Equal("hi", events[2].Text);
    }

    [Theory]
    [InlineData(254)]        // DONT
    [InlineData(252)]        // WONT
    public void Refusals_from_the_peer_are_not_answered_so_nothing_loops(byte verb)
    {
        var events = Decode(new LineDecoder(4096), [255, verb, 1, (byte)'h', (byte)'i', (byte)'\n', 255, verb, 1]);
        Assert.Equal([(InputKind.TelnetReply, ""), (InputKind.Line, "hi")], events.Select(e => (e.Kind, e.Text)));
        Assert.Equal(DoBinary, events[0].Reply);       // the offer, and nothing about option 1
    }

    [Fact]
    public void Lines_ended_by_lf_or_a_lone_cr_never_get_negotiation_so_nc_sees_none()
    {
        var events = Decode(new LineDecoder(4096), B("alice\nпривет 日本語 😀\n"), B("raw\rtty\r"));
        Assert.Equal(["alice", "привет 日本語 😀", "raw", "tty"], events.Select(e => e.Text));
        Assert.All(events, e => Assert.Equal(InputKind.Line, e.Kind));
    }

    [Theory]
    [InlineData("tel\r\n")]  // a telnet in line mode (Debian's, on any port but 23, sends nothing before)
    [InlineData("tel\r\0")]  // a telnet in character mode
    public void A_telnet_line_end_brings_one_offer_of_binary_after_the_line(string input)
    {
        var decoder = new LineDecoder(4096);
        var events = Decode(decoder, B(input + input));
        Assert.Equal([(InputKind.Line, "tel"), (InputKind.TelnetReply, ""), (InputKind.Line, "tel")], events.Select(e => (e.Kind, e.Text)));
        Assert.Equal(DoBinary, events[1].Reply);
    }

    [Fact]
    public void Debian_telnet_agreeing_to_binary_sends_utf8_intact_with_lf_line_ends()
    {
        var decoder = new LineDecoder(4096);
        Assert.Equal(DoBinary, Replies(Decode(decoder, B("tel\r\n"))));
        // Captured from inetutils-telnet 2.4: WILL BINARY, then each line raw, ended by LF, 0xFF doubled.
        var bytes = (byte[])[255, 251, 0, .. B("привет\n日本語\n😀𝔘\n"), (byte)'a', 255, 255, (byte)'b', (byte)'\n'];
        var events = Decode(decoder, [.. bytes.Select(b => new[] { b })]);
        Assert.Equal(["привет", "日本語", "😀𝔘", "a\uFFFDb"], events.Select(e => e.Text));
        Assert.All(events, e => Assert.Equal(InputKind.Line, e.Kind));     // the reply to the offer is not answered
    }

    [Fact]
    public void Debian_telnet_at_connect_gets_the_offer_first_then_its_refusals()
    {
        // What it sends on port 23: DO ENCRYPT, WILL ENCRYPT, DO SGA, WILL TTYPE ... DO STATUS.
        var events = Decode(new LineDecoder(4096), [255, 253, 38, 255, 251, 38, 255, 253, 3, 255, 251, 24, 255, 253, 5]);
        Assert.Equal([255, 253, 0, 255, 252, 38, 255, 254, 38, 255, 252, 3, 255, 254, 24, 255, 252, 5], Replies(events));
    }

    [Fact]
    public void Nvt_garbled_utf8_is_telnet_too_and_brings_the_offer()
    {
        // "у" typed before binary: 0x83 & 0x7F is ^C, so the telnet sends IAC IP IAC DO TIMING-MARK.
        var events = Decode(new LineDecoder(4096), [0xD1, 255, 244, 255, 253, 6, (byte)'\r', (byte)'\n']);
        Assert.Equal([255, 253, 0, 255, 252, 6], Replies(events));
    }

    [Fact]
    public void A_peer_that_offers_binary_first_is_answered_by_the_one_offer_only()
    {
        var decoder = new LineDecoder(4096);
        Assert.Equal(DoBinary, Replies(Decode(decoder, [255, 251, 0])));
        Assert.Empty(Replies(Decode(decoder, [255, 251, 0], B("x\r\n"))));
    }

    [Fact]
    public void A_peer_asking_us_for_binary_is_agreed_once_and_released_once()
    {
        var decoder = new LineDecoder(4096);
        Assert.Equal([255, 253, 0, 255, 251, 0], Replies(Decode(decoder, [255, 253, 0])));   // offer, WILL
        Assert.Empty(Replies(Decode(decoder, [255, 253, 0])));
        Assert.Equal([255, 252, 0], Replies(Decode(decoder, [255, 254, 0])));                 // WONT
        Assert.Empty(Replies(Decode(decoder, [255, 254, 0])));
    }

    [Fact]
    public void A_refused_offer_is_never_repeated_and_binary_switched_off_is_acknowledged_once()
    {
        var decoder = new LineDecoder(4096);
        Assert.Equal(DoBinary, Replies(Decode(decoder, B("a\r\n"))));
        Assert.Empty(Replies(Decode(decoder, [255, 252, 0], B("b\r\n"), [255, 241])));      // WONT: refused
        Assert.Equal([255, 253, 0], Replies(Decode(decoder, [255, 251, 0])));                 // it changes its mind
        Assert.Equal([255, 254, 0], Replies(Decode(decoder, [255, 252, 0])));                 // and back: DONT
        Assert.Empty(Replies(Decode(decoder, [255, 252, 0])));
    }

    [Fact]
    public void A_peer_that_sends_every_reply_back_cannot_start_a_loop()
    {
        var decoder = new LineDecoder(4096);
        var sent = Replies(Decode(decoder, [255, 253, 1, 255, 251, 0, 255, 253, 0]));
        for (var round = 0; round < 10 && sent.Length > 0; round++)
        {
            sent = Replies(Decode(decoder, sent));
        }
        Assert.Empty(sent);
    }

    [Fact]
    public void Editing_and_line_ends_work_the_same_after_binary()
    {
        var decoder = new LineDecoder(4096);
        Decode(decoder, [255, 251, 0]);
        Assert.Equal(["ab", "new", "héllo", "x"], Decode(decoder,
            [(byte)'a', (byte)'b', (byte)'c', 255, 247, (byte)'\r', 0, (byte)'o', (byte)'l', (byte)'d', 255, 248, (byte)'n', (byte)'e', (byte)'w', (byte)'\r', (byte)'\n'],
            B("hé世\u007fllx\bo\r"), B("x\n")).Select(e => e.Text));
    }

    [Fact]
    public void A_telnet_command_split_across_reads_is_still_removed()
    {
        Assert.Equal(["ab"], Lines(B("a"), [255], [253], [1, (byte)'b', (byte)'\n']));
    }

    [Fact]
    public void Iac_iac_is_a_literal_byte_that_becomes_a_replacement_character()
    {
        Assert.Equal(["a\uFFFDb"], Lines([(byte)'a', 255, 255, (byte)'b', (byte)'\n']));
    }

    [Fact]
    public void Subnegotiation_is_removed()
    {
        Assert.Equal(["ab"], Lines([(byte)'a', 255, 250, 24, 0, (byte)'x', (byte)'y', 255, 240, (byte)'b', (byte)'\n']));
    }

    [Fact]
    public void An_endless_subnegotiation_is_abandoned_after_64_bytes()
    {
        var bytes = new List<byte> { 255, 250 };
        bytes.AddRange(Enumerable.Repeat((byte)'z', 64));
        bytes.AddRange(B("after\n"));
        Assert.Equal(["after"], Lines([.. bytes]));
    }

    [Fact]
    public void Are_you_there_is_reported()
    {
        var events = Decode(new LineDecoder(4096), [255, 246, 255, 246]);
        Assert.Equal([InputKind.TelnetReply, InputKind.AreYouThere, InputKind.AreYouThere], events.Select(e => e.Kind));
    }

    [Fact]
    public void Backspace_and_del_erase_the_previous_character_even_a_multibyte_one()
    {
        Assert.Equal(["hello", "a"], Lines(B("hellx\bo\n"), B("a世\u007f\n")));
    }

    [Fact]
    public void Telnet_erase_character_and_erase_line_edit_the_line()
    {
        Assert.Equal(["ab", "new"], Lines([(byte)'a', (byte)'b', (byte)'c', 255, 247, (byte)'\n', (byte)'o', (byte)'l', (byte)'d', 255, 248, (byte)'n', (byte)'e', (byte)'w', (byte)'\n']));
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters()
    {
        Assert.Equal(["a\uFFFDb"], Lines([(byte)'a', 0xC3, (byte)'b', (byte)'\n']));
    }

    [Fact]
    public void Control_characters_and_escape_sequences_are_removed_from_lines()
    {
        Assert.Equal(["red bold\tend"], Lines(B("\u001b[31mred\u001b[0m \u0007bold\tend\u001b]0;title\u0007\n")));
    }
}
