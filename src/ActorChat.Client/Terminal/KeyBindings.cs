namespace ActorChat.Client.Terminal;

internal enum KeyAction { None, Submit, Quit, Window, NextWindow, PreviousWindow, PageUp, PageDown, Redraw, Complete, Members }

/// <summary>What a key asks of the session beyond editing: the line sent, or the window number for Alt+1..9.</summary>
internal readonly record struct KeyResult(KeyAction Action, string Line = "", int Window = 0);

/// <summary>
/// Keys to actions: the editing keys (readline's, and Ctrl+R search) go straight to the editor;
/// the rest come back as a <see cref="KeyResult"/> for the session. A character outside the BMP
/// arrives as two keys (its UTF-16 halves) and is inserted whole.
/// </summary>
internal sealed class KeyBindings(LineEditor editor)
{
    private char? _highSurrogate;
    private bool _escaped;          // the key before was Escape

    public KeyResult Handle(ConsoleKeyInfo key)
    {
        var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
        if (editor.Search is not null && SearchKey(key, control) is { } handled)
        {
            return handled;
        }
        // Esc then a key is Alt+key, as in readline. .NET also needs it: of two Alt keys that arrive
        // together ("\eb\eb") it reads the first as Escape and a plain 'b'.
        var alt = key.Modifiers.HasFlag(ConsoleModifiers.Alt) || _escaped && key.Modifiers == 0 && char.IsAsciiLetterOrDigit(key.KeyChar);
        _escaped = key.Key == ConsoleKey.Escape && key.Modifiers == 0 && !_escaped;
        switch (key.Key)
        {
            case ConsoleKey.Enter: return new KeyResult(KeyAction.Submit, editor.Submit());
            case ConsoleKey.C when control: return new KeyResult(KeyAction.Quit);
            case ConsoleKey.D when control && editor.Text.Length == 0: return new KeyResult(KeyAction.Quit);
            case ConsoleKey.D when control: editor.Delete(); break;
            case ConsoleKey.A when control: editor.Home(); break;
            case ConsoleKey.E when control: editor.End(); break;
            case ConsoleKey.U when control: editor.DeleteToStart(); break;
            case ConsoleKey.K when control: editor.DeleteToEnd(); break;
            case ConsoleKey.W when control: editor.DeleteWordBack(); break;
            case ConsoleKey.R when control: editor.SearchBack(); break;
            case ConsoleKey.L when control: return new KeyResult(KeyAction.Redraw);
            case ConsoleKey.N when control: return new KeyResult(KeyAction.NextWindow);
            case ConsoleKey.P when control: return new KeyResult(KeyAction.PreviousWindow);
            case ConsoleKey.B when alt: editor.WordLeft(); break;
            case ConsoleKey.F when alt: editor.WordRight(); break;
            case >= ConsoleKey.D1 and <= ConsoleKey.D9 when alt: return new KeyResult(KeyAction.Window, Window: key.Key - ConsoleKey.D0);
            case ConsoleKey.LeftArrow: editor.Left(); break;
            case ConsoleKey.RightArrow: editor.Right(); break;
            case ConsoleKey.Home: editor.Home(); break;
            case ConsoleKey.End: editor.End(); break;
            case ConsoleKey.Backspace: editor.Backspace(); break;
            case ConsoleKey.Delete: editor.Delete(); break;
            case ConsoleKey.UpArrow: editor.HistoryUp(); break;
            case ConsoleKey.DownArrow: editor.HistoryDown(); break;
            case ConsoleKey.PageUp: return new KeyResult(KeyAction.PageUp);
            case ConsoleKey.PageDown: return new KeyResult(KeyAction.PageDown);
            case ConsoleKey.Tab: return new KeyResult(KeyAction.Complete);
            case ConsoleKey.F2: return new KeyResult(KeyAction.Members);
            default: Type(key.KeyChar); break;
        }
        return default;
    }

    /// <summary>While searching: Ctrl+R older, Backspace, typing refine; Esc or Ctrl+G cancel; Enter sends the line found; any other key keeps it and goes on as usual (null).</summary>
    private KeyResult? SearchKey(ConsoleKeyInfo key, bool control)
    {
        switch (key.Key)
        {
            case ConsoleKey.R when control: editor.SearchBack(); return default(KeyResult);
            case ConsoleKey.Escape:
            case ConsoleKey.G when control: editor.EndSearch(keep: false); return default(KeyResult);
            case ConsoleKey.Backspace: editor.Backspace(); return default(KeyResult);
            case ConsoleKey.Enter: editor.EndSearch(keep: true); return null;
        }
        if (!control && !char.IsControl(key.KeyChar))
        {
            Type(key.KeyChar);
            return default(KeyResult);
        }
        editor.EndSearch(keep: true);
        return null;
    }

    private void Type(char c)
    {
        if (char.IsHighSurrogate(c))
        {
            _highSurrogate = c;
            return;
        }
        if (char.IsLowSurrogate(c) && _highSurrogate is { } high)
        {
            editor.Insert(string.Concat(high, c));
        }
        else if (!char.IsControl(c) && !char.IsSurrogate(c))
        {
            editor.Insert(c.ToString());
        }
        _highSurrogate = null;
    }
}
