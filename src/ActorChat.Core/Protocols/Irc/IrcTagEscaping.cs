using System.Text;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>The escaping of tag values: ';' as <c>\:</c>, space <c>\s</c>, '\' <c>\\</c>, CR <c>\r</c>, LF <c>\n</c>.</summary>
internal static class IrcTagEscaping
{
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("; \\\r\n") < 0)
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (EscapeOf(c) is { } escape)
            {
                escaped.Append(escape);
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static string? EscapeOf(char c) => c switch
    {
        ';' => @"\:",
        ' ' => @"\s",
        '\\' => @"\\",
        '\r' => @"\r",
        '\n' => @"\n",
        _ => null,
    };

    /// <summary>
    /// The inverse of <see cref="Escape"/>; as the spec says, an unknown escape <c>\x</c> is 'x'
    /// and a lone '\' at the end is dropped.
    /// </summary>
    public static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value.ToString();
        }
        var plain = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                plain.Append(value[i]);
                continue;
            }
            if (++i == value.Length)
            {
                break;
            }
            plain.Append(value[i] switch
            {
                ':' => ';',
                's' => ' ',
                'r' => '\r',
                'n' => '\n',
                var other => other,
            });
        }
        return plain.ToString();
    }
}
