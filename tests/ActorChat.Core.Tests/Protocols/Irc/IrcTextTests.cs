using System.Text;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcTextTests
{
    private static int Bytes(string s) => Encoding.UTF8.GetByteCount(s);

    [Fact]
    public void Short_text_is_one_piece_and_empty_text_none()
    {
        Assert.Equal(["hello"], IrcText.Split("hello", 100));
        Assert.Empty(IrcText.Split("", 100));
    }

    [Fact]
    public void Text_is_split_at_the_last_space_that_fits_and_that_space_is_dropped()
    {
        Assert.Equal(["aaa bbb", "ccc"], IrcText.Split("aaa bbb ccc", 8));
        Assert.Equal(["aaa bbb", "ccc"], IrcText.Split("aaa bbb ccc", 7));   // the space right after the budget
    }

    [Fact]
    public void A_word_longer_than_the_budget_is_cut_between_characters()
    {
        Assert.Equal(["abcd", "efgh", "ij"], IrcText.Split("abcdefghij", 4));
    }

    [Fact]
    public void Multibyte_characters_are_never_cut()
    {
        var pieces = IrcText.Split(new string('é', 10), 5);     // 2 bytes each: two fit in 5
        Assert.All(pieces, p => Assert.Equal(2, p.Length));
        Assert.Equal(new string('é', 10), string.Concat(pieces));
    }

    [Fact]
    public void Grapheme_clusters_stay_whole_when_they_fit()
    {
        var family = "👨‍👩‍👧";          // 18 bytes, one cluster
        var flag = "🇫🇷";               // 8 bytes, one cluster
        var text = string.Concat(Enumerable.Repeat(family + flag, 5));
        var pieces = IrcText.Split(text, 30);
        Assert.Equal(text, string.Concat(pieces));
        foreach (var piece in pieces)
        {
            Assert.True(Bytes(piece) <= 30);
            Assert.True(piece.StartsWith(family, StringComparison.Ordinal) || piece.StartsWith(flag, StringComparison.Ordinal), piece);
        }
    }

    [Fact]
    public void A_cluster_longer_than_the_budget_is_cut_between_code_points_not_inside_one()
    {
        var zalgo = "a" + string.Concat(Enumerable.Repeat("\u0301", 20));     // one cluster of 41 bytes
        var pieces = IrcText.Split(zalgo, 10);
        Assert.Equal(zalgo, string.Concat(pieces));
        Assert.All(pieces, p => Assert.True(Bytes(p) <= 10));
        Assert.All(pieces, p => Assert.False(char.IsSurrogate(p[^1]) && char.IsHighSurrogate(p[^1])));
    }

    [Fact]
    public void A_4096_byte_line_protocol_message_becomes_valid_512_byte_irc_lines()
    {
        var random = new Random(12);
        string[] words = ["hello", "wörld", "你好", "🙂", "a-rather-long-word-without-spaces", "ça"];
        var text = new StringBuilder();
        while (Bytes(text.ToString()) < 4000)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }
        var message = text.ToString().TrimEnd();
        var source = "someone-with-a-long-nick!someone@198.51.100.23";
        var budget = IrcText.TextBudget(source, "PRIVMSG", "#the-longest-room-name-allowed32");
        var pieces = IrcText.Split(message, budget);
        Assert.True(pieces.Count > 8);
        Assert.Equal(message, string.Join(' ', pieces));    // only split at spaces here: no word is longer than a line
        foreach (var (index, piece) in pieces.Index())
        {
            var line = new IrcMessage("PRIVMSG", "#the-longest-room-name-allowed32", piece) { Source = source, ForceTrailing = true }.ToBytes(out var error);
            Assert.True(line is not null, error.ToString());
            Assert.True(line.Length <= 512);
            Assert.True(index == pieces.Count - 1 || line.Length > 512 - 40, "each piece but the last should nearly fill its line");
        }
    }

    [Fact]
    public void Split_fuzz_keeps_all_text_within_budget_and_never_breaks_a_surrogate_pair()
    {
        string[] atoms = ["a", "b", " ", "é", "你", "🙂", "\u0301", "👨‍👩‍👧", "\uD800"];
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 120)).Select(_ => atoms[random.Next(atoms.Length)]));
            var budget = random.Next(4, 40);
            var pieces = IrcText.Split(text, budget);
            foreach (var piece in pieces)
            {
                Assert.True(Bytes(piece) <= budget, $"seed {seed}");
                Assert.False(piece.Length > 0 && char.IsHighSurrogate(piece[^1]) && piece[^1] != '\uD800', $"seed {seed}");
            }
            Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(pieces).Replace(" ", "", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("\u0001ACTION waves\u0001", "waves")]
    [InlineData("\u0001ACTION waves", "waves")]
    [InlineData("\u0001ACTION \u0001", "")]
    [InlineData("\u0001ACTION\u0001", "")]
    public void Ctcp_action_is_unwrapped(string message, string action)
    {
        Assert.True(IrcText.TryUnwrapAction(message, out var text));
        Assert.Equal(action, text);
    }

    [Theory]
    [InlineData("waves")]
    [InlineData("\u0001VERSION\u0001")]
    [InlineData("\u0001ACTIONX\u0001")]
    public void Other_messages_are_no_action(string message)
    {
        Assert.False(IrcText.TryUnwrapAction(message, out _));
    }

    [Fact]
    public void Actions_round_trip_and_ctcp_is_recognised()
    {
        Assert.Equal("\u0001ACTION waves\u0001", IrcText.WrapAction("waves"));
        Assert.True(IrcText.TryUnwrapAction(IrcText.WrapAction("waves at all"), out var text));
        Assert.Equal("waves at all", text);
        Assert.True(IrcText.IsCtcp("\u0001VERSION\u0001"));
        Assert.False(IrcText.IsCtcp("hello"));
    }

    [Theory]
    [InlineData("\u0002bold\u0002 plain", "bold plain")]
    [InlineData("\u00034red\u0003 \u000304,12both\u0003", "red both")]
    [InlineData("\u00031,2,3", ",3")]
    [InlineData("\u00034,x", ",x")]
    [InlineData("\u0003123", "3")]
    [InlineData("\u0004FF00FFpink\u0004 \u0004FF0000,00FF00x", "pink x")]
    [InlineData("\u0004FF0 short", "FF0 short")]
    [InlineData("\u000f\u0011\u0016\u001d\u001e\u001fall", "all")]
    [InlineData("no codes, 1,2", "no codes, 1,2")]
    public void Formatting_codes_are_stripped(string text, string plain)
    {
        Assert.Equal(plain, IrcText.StripFormatting(text));
    }

    [Fact]
    public void Server_time_is_utc_with_milliseconds()
    {
        var time = new DateTimeOffset(2026, 11, 23, 19, 0, 0, 7, TimeSpan.FromHours(1));
        Assert.Equal("2026-11-23T18:00:00.007Z", IrcText.ServerTime(time));
        Assert.Equal(new IrcTag("time", "2026-11-23T18:00:00.007Z"), IrcText.ServerTimeTag(time));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("A_b-1", true)]
    [InlineData("abcdefghijklmnopqrstuvwx", true)]
    [InlineData("abcdefghijklmnopqrstuvwxy", false)]
    [InlineData("1abc", false)]
    [InlineData("-abc", false)]
    [InlineData("[away]", false)]
    [InlineData("a|b", false)]
    [InlineData("a^", false)]
    [InlineData("a`b", false)]
    [InlineData("{x}", false)]
    [InlineData("a\\b", false)]
    [InlineData("ünï", false)]
    [InlineData("", false)]
    public void Irc_nicks_are_our_nick_rules(string nick, bool acceptable)
    {
        Assert.Equal(acceptable, IrcText.IsAcceptableNick(nick));
    }

    [Theory]
    [InlineData("#dev", "dev")]
    [InlineData("#Dev-2_x", "Dev-2_x")]
    [InlineData("#abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    public void Channels_map_to_rooms(string channel, string room)
    {
        Assert.True(IrcText.TryParseChannel(channel, out var parsed));
        Assert.Equal(room, parsed);
        Assert.Equal(channel, IrcText.Channel(parsed));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("#")]
    [InlineData("##dev")]
    [InlineData("&dev")]
    [InlineData("#dev,x")]
    [InlineData("#abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("#1dev")]
    public void Other_channel_names_are_refused(string channel)
    {
        Assert.False(IrcText.TryParseChannel(channel, out _));
    }

    [Fact]
    public void The_budget_counts_source_command_target_colon_and_CRLF()
    {
        // ":a!b@c PRIVMSG #x :" is 19 bytes, CRLF 2.
        Assert.Equal(512 - 21, IrcText.TextBudget("a!b@c", "PRIVMSG", "#x"));
    }

    [Fact]
    public void Text_messages_fit_512_bytes_and_actions_are_wrapped_piece_by_piece()
    {
        var text = string.Join(' ', Enumerable.Repeat("wörd", 300));
        var said = IrcText.TextMessages("alice!alice@127.0.0.1", "PRIVMSG", "#dev", text, action: false);
        var acted = IrcText.TextMessages("alice!alice@127.0.0.1", "PRIVMSG", "#dev", text, action: true);
        Assert.All(said.Concat(acted), m => Assert.True(m.ToBytes(out _) is { Length: <= 512 }));
        Assert.Equal(text, string.Join(' ', said.Select(m => m.Params[1])));
        Assert.All(acted, m => Assert.True(IrcText.TryUnwrapAction(m.Params[1], out _)));
        Assert.Equal(text, string.Join(' ', acted.Select(m => IrcText.TryUnwrapAction(m.Params[1], out var a) ? a : "")));
        Assert.Empty(IrcText.TextMessages("a!a@h", "PRIVMSG", "#dev", "", action: false));
    }
}
