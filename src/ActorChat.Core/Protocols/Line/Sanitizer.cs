using System.Buffers;
using System.Text;

namespace ActorChat.Core.Protocols.Line;

/// <summary>
/// Removes everything from a text that could act on a terminal: C0 controls but TAB, DEL, C1
/// controls, and whole CSI (<c>ESC [</c> or U+009B) and OSC (<c>ESC ]</c> or U+009D) sequences.
/// </summary>
internal static class Sanitizer
{
    private const char Esc = '\u001b', Bel = '\u0007', Csi = '\u009b', Osc = '\u009d';

    private static readonly SearchValues<char> Unsafe = SearchValues.Create(Unsafes());

    public static string Clean(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;    // the common case allocates nothing
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length;)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                clean.Append(c);
                i++;
                continue;
            }
            i = c switch
            {
                Esc when At(text, i + 1) == '[' => SkipCsi(text, i + 2),
                Esc when At(text, i + 1) == ']' => SkipOsc(text, i + 2),
                Csi => SkipCsi(text, i + 1),
                Osc => SkipOsc(text, i + 1),
                _ => i + 1,
            };
        }
        return clean.ToString();
    }

    public static bool IsUnsafe(char c) => (c < ' ' && c != '\t') || c is >= '\u007f' and <= '\u009f';

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    /// <summary>Parameter and intermediate bytes (0x20-0x3F), then one final byte (0x40-0x7E).</summary>
    private static int SkipCsi(string text, int i)
    {
        while (i < text.Length && text[i] is >= ' ' and <= '?')
        {
            i++;
        }
        return i < text.Length && text[i] is >= '@' and <= '~' ? i + 1 : i;
    }

    /// <summary>Everything up to BEL or ST (<c>ESC \</c>), or to the end of the line.</summary>
    private static int SkipOsc(string text, int i)
    {
        for (; i < text.Length; i++)
        {
            if (text[i] == Bel)
            {
                return i + 1;
            }
            if (text[i] == Esc && At(text, i + 1) == '\\')
            {
                return i + 2;
            }
        }
        return i;
    }

    private static string Unsafes()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c <= '\u009f'; c++)
        {
            if (IsUnsafe(c))
            {
                chars.Append(c);
            }
        }
        return chars.ToString();
    }
}
