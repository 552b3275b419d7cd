using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// One IRC message (RFC 1459 / RFC 2812 with IRCv3 message tags): tags, an optional source,
/// the command and up to 15 parameters. Parsing never throws: a hostile line yields an error.
/// </summary>
internal sealed record IrcMessage(string Command, IReadOnlyList<string> Params)
{
    /// <summary>The message without tags, CRLF included (RFC 2812 2.3).</summary>
    public const int MaxBodyBytes = 512;
    /// <summary>Tag data a client may send, without the '@' and the space (message-tags spec).</summary>
    public const int MaxClientTagDataBytes = 4094;
    /// <summary>All tags a server may send, with the '@' and the space.</summary>
    public const int MaxTagsBytes = 8191;
    /// <summary>Bytes of tag data a server may send.</summary>
    public const int MaxServerTagDataBytes = MaxTagsBytes - 2;
    public const int MaxParams = 15;
    /// <summary>The longest line a client may send, line end excluded: tags, '@', space and body.</summary>
    public const int MaxClientLineBytes = MaxClientTagDataBytes + 2 + MaxBodyBytes - 2;

    public IReadOnlyList<IrcTag> Tags { get; init; } = [];

    /// <summary>The prefix without its ':': a server name or <c>nick!user@host</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Writes the last parameter after ':' even when it does not need it (text, NAMES lists).</summary>
    public bool ForceTrailing { get; init; }

    public IrcMessage(string command, params string[] parameters) : this(command, (IReadOnlyList<string>)parameters)
    {
    }

    public string? Param(int index) => index < Params.Count ? Params[index] : null;

    public bool TryGetTag(string key, [NotNullWhen(true)] out string? value)
    {
        for (var i = Tags.Count - 1; i >= 0; i--)
        {
            if (Tags[i].Key == key)
            {
                value = Tags[i].Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public static IrcParseResult Parse(string line, int maxTagDataBytes = MaxClientTagDataBytes) =>
        Parse(Encoding.UTF8.GetBytes(line), maxTagDataBytes);

    /// <summary>
    /// Parses one line (without its line end). Limits are checked on the bytes as received; text
    /// that is not valid UTF-8 is decoded as <paramref name="fallback"/> says.
    /// </summary>
    public static IrcParseResult Parse(ReadOnlySpan<byte> line, int maxTagDataBytes = MaxClientTagDataBytes, IrcTextFallback fallback = IrcTextFallback.Replace)
    {
        if (line.IndexOfAny((byte)0, (byte)'\r', (byte)'\n') >= 0)
        {
            return IrcParseResult.Fail(IrcParseError.ForbiddenCharacter);
        }
        var tagData = ReadOnlySpan<byte>.Empty;
        var body = line;
        if (line.StartsWith((byte)'@'))
        {
            var space = line.IndexOf((byte)' ');
            tagData = space < 0 ? line[1..] : line[1..space];
            body = space < 0 ? [] : line[(space + 1)..];
            if (tagData.Length > maxTagDataBytes)
            {
                return IrcParseResult.Fail(IrcParseError.TagsTooLong);
            }
        }
        body = body.TrimStart((byte)' ');
        if (body.Length > MaxBodyBytes - 2)
        {
            return IrcParseResult.Fail(IrcParseError.BodyTooLong);
        }
        if (body.TrimEnd((byte)' ').IsEmpty)
        {
            return IrcParseResult.Fail(IrcParseError.Empty);
        }
        var latin1 = fallback == IrcTextFallback.Latin1 && !Utf8.IsValid(line);
        if (!TryParseTags(Decode(tagData, latin1), out var tags))
        {
            return IrcParseResult.Fail(IrcParseError.InvalidTag);
        }
        return ParseBody(Decode(body, latin1), tags);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, bool latin1) =>
        latin1 ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);    // UTF8 replaces invalid sequences with U+FFFD

    private static bool TryParseTags(string data, out IReadOnlyList<IrcTag> tags)
    {
        tags = [];
        if (data.Length == 0)
        {
            return true;
        }
        var list = new List<IrcTag>();
        foreach (var range in data.AsSpan().Split(';'))
        {
            var item = data.AsSpan(range);
            if (item.IsEmpty)
            {
                continue;       // "@a;;b" and a trailing ';' carry no tag
            }
            var equals = item.IndexOf('=');
            var key = equals < 0 ? item : item[..equals];
            if (!IrcTag.IsValidKey(key))
            {
                return false;
            }
            var value = equals < 0 ? "" : IrcTagEscaping.Unescape(item[(equals + 1)..]);
            list.Add(new IrcTag(key.ToString(), value));
        }
        tags = WithoutRepeats(list);
        return true;
    }

    /// <summary>A repeated key: the last one counts. Linear, as a hostile line may carry two thousand tags.</summary>
    private static List<IrcTag> WithoutRepeats(List<IrcTag> tags)
    {
        if (tags.Count < 2)
        {
            return tags;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<IrcTag>(tags.Count);
        for (var i = tags.Count - 1; i >= 0; i--)
        {
            if (seen.Add(tags[i].Key))
            {
                kept.Add(tags[i]);
            }
        }
        kept.Reverse();
        return kept;
    }

    private static IrcParseResult ParseBody(string body, IReadOnlyList<IrcTag> tags)
    {
        var rest = body.AsSpan();
        string? source = null;
        if (rest.StartsWith(':'))
        {
            var end = rest.IndexOf(' ');
            if (end < 0 || end == 1)
            {
                return IrcParseResult.Fail(IrcParseError.InvalidCommand);
            }
            source = rest[1..end].ToString();
            rest = rest[end..].TrimStart(' ');
        }
        var commandEnd = rest.IndexOf(' ');
        var command = commandEnd < 0 ? rest : rest[..commandEnd];
        if (!IsValidCommand(command))
        {
            return IrcParseResult.Fail(IrcParseError.InvalidCommand);
        }
        rest = commandEnd < 0 ? [] : rest[commandEnd..];
        var parameters = new List<string>();
        while (true)
        {
            rest = rest.TrimStart(' ');
            if (rest.IsEmpty)
            {
                break;
            }
            // RFC 2812: a ':' starts the trailing parameter; so does the 15th parameter, colon or not.
            if (rest[0] == ':' || parameters.Count == MaxParams - 1)
            {
                parameters.Add((rest[0] == ':' ? rest[1..] : rest).ToString());
                break;
            }
            var end = rest.IndexOf(' ');
            parameters.Add((end < 0 ? rest : rest[..end]).ToString());
            rest = end < 0 ? [] : rest[end..];
        }
        var message = new IrcMessage(command.ToString().ToUpperInvariant(), parameters) { Tags = tags, Source = source };
        return new IrcParseResult(message, IrcParseError.None);
    }

    private static bool IsValidCommand(ReadOnlySpan<char> command) =>
        command.Length > 0 && (command.ContainsAnyExcept(AsciiLetters) is false
            || (command.Length == 3 && !command.ContainsAnyExceptInRange('0', '9')));

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The line without CRLF, or why it cannot be one valid line.</summary>
    public bool TryFormat([NotNullWhen(true)] out string? line, out IrcFormatError error)
    {
        line = null;
        error = Validate();
        if (error != IrcFormatError.None)
        {
            return false;
        }
        var text = new StringBuilder(64);
        AppendTags(text);
        var bodyStart = text.Length;
        if (Source is not null)
        {
            text.Append(':').Append(Source).Append(' ');
        }
        text.Append(Command);
        for (var i = 0; i < Params.Count; i++)
        {
            var last = i == Params.Count - 1;
            text.Append(last && (ForceTrailing || NeedsTrailing(Params[i])) ? " :" : " ").Append(Params[i]);
        }
        if (Encoding.UTF8.GetByteCount(text.ToString(0, bodyStart)) > MaxTagsBytes)
        {
            error = IrcFormatError.TagsTooLong;
            return false;
        }
        if (Encoding.UTF8.GetByteCount(text.ToString(bodyStart, text.Length - bodyStart)) > MaxBodyBytes - 2)
        {
            error = IrcFormatError.BodyTooLong;
            return false;
        }
        line = text.ToString();
        return true;
    }

    /// <summary>The line as sent: UTF-8 and CRLF; null when it cannot be one valid line.</summary>
    public byte[]? ToBytes(out IrcFormatError error) => TryFormat(out var line, out error) ? Wire.Text(line) : null;

    public override string ToString() => TryFormat(out var line, out var error) ? line : $"<invalid IRC message: {error}>";

    /// <summary>True when the text can be a parameter other than the last: not empty, no space, no leading ':', no CR/LF/NUL.</summary>
    public static bool IsMiddleParameter(string parameter) => !NeedsTrailing(parameter) && !HasForbidden(parameter);

    private static bool NeedsTrailing(string parameter) =>
        parameter.Length == 0 || parameter[0] == ':' || parameter.Contains(' ', StringComparison.Ordinal);

    private IrcFormatError Validate()
    {
        if (!IsValidCommand(Command))
        {
            return IrcFormatError.InvalidCommand;
        }
        if (Params.Count > MaxParams)
        {
            return IrcFormatError.InvalidParameter;
        }
        for (var i = 0; i < Params.Count; i++)
        {
            if (HasForbidden(Params[i]))
            {
                return IrcFormatError.ForbiddenCharacter;
            }
            if (i < Params.Count - 1 && NeedsTrailing(Params[i]))
            {
                return IrcFormatError.InvalidParameter;
            }
        }
        if (Source is not null && (HasForbidden(Source) || Source.Length == 0 || Source.Contains(' ', StringComparison.Ordinal)))
        {
            return IrcFormatError.InvalidTagOrSource;
        }
        foreach (var tag in Tags)
        {
            if (!IrcTag.IsValidKey(tag.Key))
            {
                return IrcFormatError.InvalidTagOrSource;
            }
        }
        return IrcFormatError.None;
    }

    private static bool HasForbidden(string text) => text.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0;

    private void AppendTags(StringBuilder text)
    {
        if (Tags.Count > 0)
        {
            AppendTags(text, Tags);
        }
    }

    /// <summary><c>@key=value;key ... </c>: the tags part of a line, values escaped, ending in its space.</summary>
    public static string TagPrefix(IReadOnlyList<IrcTag> tags) => AppendTags(new StringBuilder(64), tags).ToString();

    private static StringBuilder AppendTags(StringBuilder text, IReadOnlyList<IrcTag> tags)
    {
        text.Append('@');
        for (var i = 0; i < tags.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }
            text.Append(tags[i].Key);
            if (tags[i].Value.Length > 0)
            {
                text.Append('=').Append(IrcTagEscaping.Escape(tags[i].Value));
            }
        }
        return text.Append(' ');
    }
}
