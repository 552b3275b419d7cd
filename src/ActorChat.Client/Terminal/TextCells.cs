using System.Globalization;
using System.Text;
using Wcwidth;

namespace ActorChat.Client.Terminal;

/// <summary>
/// Text as a terminal shows it: grapheme clusters (what a person sees as one character, an emoji
/// family or a letter with its accents) each taking 0, 1 or 2 columns, and ANSI escape sequences
/// taking none. Everything that places text on screen measures it here, never by UTF-16 length.
/// </summary>
internal static class TextCells
{
    private const char Escape = '\u001b';
    private const string Reset = "\u001b[0m";

    /// <summary>The columns one grapheme cluster takes: its first code point decides (East Asian wide and emoji: 2); a variation selector 16 asks for the wide emoji form; combining marks and ZWJ-joined parts add nothing.</summary>
    public static int Width(string cluster)
    {
        if (cluster.Length == 0)
        {
            return 0;
        }
        Rune.DecodeFromUtf16(cluster, out var first, out _);
        var width = UnicodeCalculator.GetWidth(first);
        return cluster.Contains('\uFE0F', StringComparison.Ordinal) && width > 0 ? 2 : Math.Max(0, width);
    }

    /// <summary>The display width of text that may hold ANSI escapes.</summary>
    public static int WidthOf(string text) => Split(text).Sum(p => p.Width);

    /// <summary>The pieces of a text: each ANSI escape sequence (width 0) and each grapheme cluster with its width.</summary>
    public static IEnumerable<(string Text, int Width)> Split(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var length = text[i] == Escape ? EscapeLength(text, i) : StringInfo.GetNextTextElementLength(text, i);
            var piece = text.Substring(i, length);
            yield return (piece, text[i] == Escape ? 0 : Width(piece));
            i += length;
        }
    }

    /// <summary>
    /// Breaks a line into rows of at most <paramref name="width"/> columns. A wide character that
    /// does not fit at the end of a row moves to the next; a colour open at a break is closed and
    /// opened again on the next row, so no row paints another.
    /// </summary>
    public static List<string> Wrap(string text, int width)
    {
        var rows = new List<string>();
        var row = new StringBuilder();
        var used = 0;
        var style = "";
        foreach (var (piece, w) in Split(text))
        {
            if (w == 0 && piece[0] == Escape)
            {
                style = piece == Reset ? "" : style + piece;
            }
            else if (used + w > width && used > 0)
            {
                rows.Add(row.Append(style.Length > 0 ? Reset : "").ToString());
                row.Clear().Append(style);
                used = 0;
            }
            row.Append(piece);
            used += w;
        }
        rows.Add(row.ToString());
        return rows;
    }

    /// <summary>The first row of <see cref="Wrap"/>: the text cut to fit the width.</summary>
    public static string Fit(string text, int width) => Wrap(text, width)[0];

    /// <summary>The text whole when it fits <paramref name="width"/> columns, else cut to one column less and ended with "…".</summary>
    public static string Ellipsize(string text, int width) =>
        width <= 0 ? "" : WidthOf(text) <= width ? text : width == 1 ? "…" : Fit(text, width - 1) + "…";

    /// <summary>CSI sequences (ESC [ parameters final-byte); any other escape is taken as two characters.</summary>
    private static int EscapeLength(string text, int start)
    {
        if (start + 1 >= text.Length || text[start + 1] != '[')
        {
            return Math.Min(2, text.Length - start);
        }
        var end = start + 2;
        while (end < text.Length && text[end] is < '@' or > '~')
        {
            end++;
        }
        return Math.Min(end + 1, text.Length) - start;
    }
}
