namespace ActorChat.Client.Terminal;

/// <summary>One full picture of the screen: every row, fitted to the width, and where the cursor goes.</summary>
internal sealed record Frame(int Width, int Height, IReadOnlyList<string> Rows, int CursorRow, int CursorColumn)
{
    private const string Reverse = "\u001b[7m", Reset = "\u001b[0m";

    /// <summary>
    /// The shown window's newest lines (or the page it is scrolled to) at the top, wrapped; the
    /// status line; the input, wrapped over as many rows as it needs (the rows around the cursor
    /// when it needs more than the screen has, keeping a row for messages and one for status).
    /// A <paramref name="panel"/> (the member list) takes the place of the lines: it is asked for
    /// the rows of the message area at this width.
    /// </summary>
    public static Frame Compose(
        int width, int height, ChatWindow window, string status, string input, int cursor, Func<int, int, IReadOnlyList<string>>? panel = null)
    {
        width = Math.Max(1, width);
        height = Math.Max(1, height);
        var (inputRows, cursorRow, cursorColumn) = InputRows(input, cursor, width);
        var shownInput = Math.Min(inputRows.Count, Math.Max(1, height - 2));
        var firstInput = Math.Clamp(cursorRow - shownInput + 1, 0, inputRows.Count - shownInput);
        var messageRows = Math.Max(0, height - 1 - shownInput);
        var rows = new List<string>(height);
        rows.AddRange(panel is null ? MessageRows(window, width, messageRows) : panel(width, messageRows));
        if (height > shownInput)
        {
            var bar = TextCells.Fit(status, width);
            rows.Add(Reverse + bar + new string(' ', width - TextCells.WidthOf(bar)) + Reset);
        }
        rows.AddRange(inputRows.Skip(firstInput).Take(shownInput));
        return new Frame(width, height, rows, rows.Count - shownInput + cursorRow - firstInput, cursorColumn);
    }

    /// <summary>The page of a window, top-aligned and padded to <paramref name="count"/> rows; the window learns which lines it showed.</summary>
    private static List<string> MessageRows(ChatWindow window, int width, int count)
    {
        var end = window.ScrollEnd ?? window.Lines.Count;
        var start = end;
        var rows = new List<string>();
        while (rows.Count < count && start > 0)
        {
            rows.InsertRange(0, TextCells.Wrap(window.Lines[--start], width));
        }
        if (rows.Count > count)
        {
            rows.RemoveRange(0, rows.Count - count);    // the oldest line shows its last rows only
        }
        while (rows.Count < count && end < window.Lines.Count)
        {
            rows.AddRange(TextCells.Wrap(window.Lines[end++], width));     // scrolled to the very top: a full page all the same
        }
        if (rows.Count > count)
        {
            rows.RemoveRange(count, rows.Count - count);
        }
        window.Page = (start, end);
        while (rows.Count < count)
        {
            rows.Add("");
        }
        return rows;
    }

    /// <summary>The input broken into rows by display width, and the row and column of the cursor (a UTF-16 index into it).</summary>
    private static (List<string> Rows, int Row, int Column) InputRows(string input, int cursor, int width)
    {
        var rows = new List<string> { "" };
        var (row, column, used, offset) = (0, 0, 0, 0);
        foreach (var (piece, w) in TextCells.Split(input))
        {
            if (used + w > width && used > 0)
            {
                rows.Add("");
                used = 0;
            }
            if (offset == cursor)
            {
                (row, column) = (rows.Count - 1, used);
            }
            rows[^1] += piece;
            used += w;
            offset += piece.Length;
        }
        if (cursor >= input.Length)
        {
            if (used >= width)
            {
                rows.Add("");
                used = 0;
            }
            (row, column) = (rows.Count - 1, used);
        }
        return (rows, row, column);
    }
}
