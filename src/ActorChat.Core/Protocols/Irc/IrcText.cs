using System.Buffers;
using System.Globalization;
using System.Text;
using ActorChat.Core.Chat;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// Text between the two worlds: long messages split into IRC lines, CTCP ACTION for /me, mIRC
/// formatting codes stripped for line-protocol users, the server-time tag, and the mapping of
/// nicks and channels.
/// </summary>
/// <remarks>
/// Nicks: ours are the ASCII subset of IRC nicks (letters, digits, '_' and '-', 1-24, not starting
/// with a digit or '-'), so every ActorChat nick is a valid IRC nick. IRC nicks holding
/// <c>[ ] \ ` ^ { | }</c> are refused with 432: RFC 1459 case folding makes <c>[]\~</c> equal to
/// <c>{}|^</c>, and refusing them lets us advertise <c>CASEMAPPING=ascii</c>, which is exactly
/// <see cref="Names.Comparer"/> on ASCII names. Channels are <c>#</c> plus a room name (1-32 of the
/// same characters), so <c>CHANNELLEN=33</c>; other channel types (<c>&amp;</c>, <c>+</c>, <c>!</c>)
/// do not exist (403).
/// </remarks>
internal static class IrcText
{
    public const string ActionPrefix = "\u0001ACTION ";
    private const char CtcpDelimiter = '\u0001';
    private static readonly SearchValues<char> FormattingCodes = SearchValues.Create("\u0002\u0003\u0004\u000f\u0011\u0016\u001d\u001e\u001f");

    /// <summary>
    /// The bytes one line of text may take after <c>:source COMMAND target :</c> and before CRLF,
    /// so that the whole line is at most 512 bytes.
    /// </summary>
    public static int TextBudget(string source, string command, string target) =>
        IrcMessage.MaxBodyBytes - Encoding.UTF8.GetByteCount($":{source} {command} {target} :\r\n");

    /// <summary>
    /// A chat text as IRC lines <c>:source COMMAND target :piece</c>, split so each is at most 512
    /// bytes; for an action each piece is wrapped in CTCP ACTION. Tags are the caller's
    /// (<c>with { Tags = ... }</c>): they have their own budget. An empty text gives no line.
    /// </summary>
    public static List<IrcMessage> TextMessages(string source, string command, string target, string text, bool action)
    {
        var budget = TextBudget(source, command, target) - (action ? ActionPrefix.Length + 1 : 0);
        return [.. Split(text, budget).Select(piece =>
            new IrcMessage(command, target, action ? WrapAction(piece) : piece) { Source = source, ForceTrailing = true })];
    }

    /// <summary>
    /// Splits <paramref name="text"/> into pieces of at most <paramref name="maxBytes"/> UTF-8 bytes:
    /// at the last space that fits (the space itself is dropped), else between two grapheme
    /// clusters, and only when one cluster alone is longer than the budget between two code points.
    /// A UTF-8 sequence is never cut. An empty text gives no piece.
    /// </summary>
    public static List<string> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);    // room for any one code point
        var pieces = new List<string>();
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Encoding.UTF8.GetByteCount(rest) <= maxBytes)
            {
                pieces.Add(rest.ToString());
                break;
            }
            var fit = FittingGraphemes(rest, maxBytes);
            var space = rest[..fit].LastIndexOf(' ');
            if (space > 0)
            {
                pieces.Add(rest[..space].ToString());
                rest = rest[(space + 1)..];
            }
            else
            {
                var cut = fit > 0 ? fit : FittingCodePoints(rest, maxBytes);
                pieces.Add(rest[..cut].ToString());
                rest = rest[cut..];
            }
        }
        return pieces;
    }

    /// <summary>The number of chars of whole grapheme clusters at the start that fit in the budget (the first space after them included).</summary>
    private static int FittingGraphemes(ReadOnlySpan<char> text, int maxBytes)
    {
        int chars = 0, bytes = 0;
        while (chars < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text[chars..]);
            var size = Encoding.UTF8.GetByteCount(text.Slice(chars, length));
            if (bytes + size > maxBytes)
            {
                // A space just past the budget is still a fine place to cut: it is dropped.
                return chars < text.Length && text[chars] == ' ' ? chars + 1 : chars;
            }
            bytes += size;
            chars += length;
        }
        return chars;
    }

    private static int FittingCodePoints(ReadOnlySpan<char> text, int maxBytes)
    {
        int chars = 0, bytes = 0;
        while (chars < text.Length)
        {
            // A lone surrogate decodes as U+FFFD, three bytes, just as the encoder will write it.
            Rune.DecodeFromUtf16(text[chars..], out var rune, out var used);
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            chars += used;
        }
        return chars;
    }

    public static string WrapAction(string text) => ActionPrefix + text + CtcpDelimiter;

    /// <summary>
    /// Reads <c>\x01ACTION text\x01</c> (the closing \x01 may be missing, as some clients send it);
    /// false for anything else, other CTCP requests included.
    /// </summary>
    public static bool TryUnwrapAction(string message, out string action)
    {
        action = "";
        if (message == "\u0001ACTION\u0001" || message == "\u0001ACTION")
        {
            return true;
        }
        if (!message.StartsWith(ActionPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var end = message.EndsWith(CtcpDelimiter) ? message.Length - 1 : message.Length;
        action = message[ActionPrefix.Length..end];
        return true;
    }

    /// <summary>True for a CTCP message other than ACTION (VERSION, PING, ...), which is not relayed to line-protocol users.</summary>
    public static bool IsCtcp(string message) => message.StartsWith(CtcpDelimiter);

    /// <summary>
    /// Removes mIRC formatting: bold \x02, colour \x03[fg[,bg]] (1-2 digits each), hex colour
    /// \x04[RRGGBB[,RRGGBB]], reset \x0F, monospace \x11, reverse \x16, italics \x1D,
    /// strikethrough \x1E and underline \x1F. A ',' after a colour stays when no digit follows it.
    /// </summary>
    public static string StripFormatting(string text)
    {
        if (text.AsSpan().IndexOfAny(FormattingCodes) < 0)
        {
            return text;
        }
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var c = text[i++];
            switch (c)
            {
                case '\u0002' or '\u000f' or '\u0011' or '\u0016' or '\u001d' or '\u001e' or '\u001f':
                    break;
                case '\u0003':
                    i = SkipColour(text, i, 2, char.IsAsciiDigit);
                    break;
                case '\u0004':
                    i = SkipColour(text, i, 6, char.IsAsciiHexDigit);
                    break;
                default:
                    plain.Append(c);
                    break;
            }
        }
        return plain.ToString();
    }

    /// <summary>Skips <c>fg[,bg]</c>; a hex colour must be all six digits, a mIRC one one or two.</summary>
    private static int SkipColour(string text, int i, int digits, Func<char, bool> isDigit)
    {
        var fg = CountDigits(text, i, digits, isDigit);
        if (fg == 0)
        {
            return i;
        }
        i += fg;
        if (i < text.Length && text[i] == ',')
        {
            var bg = CountDigits(text, i + 1, digits, isDigit);
            i += bg > 0 ? bg + 1 : 0;
        }
        return i;
    }

    private static int CountDigits(string text, int i, int digits, Func<char, bool> isDigit)
    {
        var n = 0;
        while (n < digits && i + n < text.Length && isDigit(text[i + n]))
        {
            n++;
        }
        return digits == 6 && n < 6 ? 0 : n;
    }

    /// <summary>
    /// Text from an IRC client made safe for every terminal: what <see cref="Line.Sanitizer"/> removes
    /// goes, but the formatting codes and CTCP's \x01 stay (IRC users see them; the line protocol's
    /// formats strip them).
    /// </summary>
    public static string CleanIncoming(string text)
    {
        if (!text.AsSpan().ContainsAny(FormattingCodes) && !text.Contains(CtcpDelimiter, StringComparison.Ordinal))
        {
            return Line.Sanitizer.Clean(text);
        }
        var clean = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == CtcpDelimiter || FormattingCodes.Contains(text[i]))
            {
                clean.Append(Line.Sanitizer.Clean(text[start..i]));
                if (i < text.Length)
                {
                    clean.Append(text[i]);
                }
                start = i + 1;
            }
        }
        return clean.ToString();
    }

    /// <summary>The value of the IRCv3 <c>time</c> tag: UTC, milliseconds, 'Z'.</summary>
    public static string ServerTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static IrcTag ServerTimeTag(DateTimeOffset time) => new("time", ServerTime(time));

    /// <summary>An IRC nick is usable when it is a valid ActorChat nick; otherwise the answer is 432.</summary>
    public static bool IsAcceptableNick(string nick) => Names.IsValidNick(nick);

    /// <summary>"#dev" into the room "dev"; false without the '#' or for an invalid room name (answer 403).</summary>
    public static bool TryParseChannel(string channel, out string room)
    {
        room = "";
        return channel.StartsWith('#') && channel.Length > 1 && channel[1] != '#' && Names.TryParseRoom(channel, out room);
    }

    public static string Channel(string room) => "#" + room;
}
