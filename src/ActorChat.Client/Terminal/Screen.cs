using System.Text;

namespace ActorChat.Client.Terminal;

/// <summary>
/// Puts frames on the terminal, sending only the rows that changed since the last one (a keystroke
/// costs one row, which keeps it fast on a slow link). A new size clears everything first: what
/// the terminal did with the old rows when it resized is not to be trusted.
/// </summary>
internal sealed class Screen(TextWriter output)
{
    private Frame? _shown;

    /// <summary>Forgets what is on screen, so the next frame is drawn whole (Ctrl+L).</summary>
    public void Invalidate() => _shown = null;

    public void Draw(Frame frame, bool bell = false)
    {
        var text = new StringBuilder();
        var previous = _shown is { } shown && shown.Width == frame.Width && shown.Height == frame.Height ? shown : null;
        if (previous is null)
        {
            text.Append("\u001b[0m\u001b[2J");
        }
        for (var i = 0; i < frame.Rows.Count; i++)
        {
            if (previous is null || i >= previous.Rows.Count || previous.Rows[i] != frame.Rows[i])
            {
                // Clear first, then write: erasing after a full-width row would take its last cell.
                text.Append($"\u001b[{i + 1};1H\u001b[2K").Append(frame.Rows[i]);
            }
        }
        text.Append($"\u001b[{frame.CursorRow + 1};{frame.CursorColumn + 1}H");
        if (bell)
        {
            text.Append('\a');
        }
        output.Write(text.ToString());
        output.Flush();
        _shown = frame;
    }
}
