using System.Globalization;

namespace ActorChat.Client.Terminal;

/// <summary>The keys and the typed lines: what the client does itself, and what it sends.</summary>
internal sealed partial class TerminalSession
{
    private void KeyLoop()
    {
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            lock (_gate)
            {
                if (Apply(_keys.Handle(key)))
                {
                    return;
                }
                if (!Console.KeyAvailable)
                {
                    Render();            // a paste is drawn once, at its end
                }
            }
        }
    }

    /// <summary>Does what a key asked; true when it was to quit.</summary>
    private bool Apply(KeyResult result)
    {
        switch (result.Action)
        {
            case KeyAction.Submit: return Submit(result.Line);
            case KeyAction.Quit:
                Send("/quit");             // even while a password is typed: never "/identify /quit"
                return true;
            case KeyAction.Window when result.Window <= _windows.All.Count: SelectWindow(_windows.All[result.Window - 1]); break;
            case KeyAction.NextWindow: SelectWindow(_windows.Next(+1)); break;
            case KeyAction.PreviousWindow: SelectWindow(_windows.Next(-1)); break;
            case KeyAction.PageUp when _members!.Shown: _members.PageUp(); break;
            case KeyAction.PageDown when _members!.Shown: _members.PageDown(); break;
            case KeyAction.PageUp when !_windows.Current.PageUp(): LoadOlder(); break;
            case KeyAction.PageDown: _windows.Current.PageDown(); break;
            case KeyAction.Members: _members!.Shown = !_members.Shown; break;
            case KeyAction.Redraw: _screen.Invalidate(); break;
            case KeyAction.Complete:
                var matches = _editor.Complete(_session!.PresentNicks, ClientHelp.Commands);
                if (matches.Count > 1)
                {
                    Note(string.Join("  ", matches));
                }
                break;
        }
        return false;
    }

    /// <summary>
    /// A typed line: the client's own commands are done here; a plain line goes to the window shown
    /// (its room, or its person); any other command goes to the server as typed. True when quitting.
    /// </summary>
    private bool Submit(string line)
    {
        if (_editor.Secret)
        {
            _editor.Secret = false;
            if (line.Length > 0)
            {
                Send("/identify " + line);
            }
            return false;
        }
        var (command, rest) = SplitWord(line);
        var window = _windows.Current;
        switch (command.ToLowerInvariant())
        {
            case "":
                break;
            case "/help":
                Array.ForEach(ClientHelp.Lines, Note);
                break;
            case "/names":
                _members!.Shown = !_members.Shown;
                break;
            case "/win" when int.TryParse(rest, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= _windows.All.Count:
                SelectWindow(_windows.All[number - 1]);
                break;
            case "/win":
                Note($"usage: /win N, N from 1 to {_windows.All.Count}");
                break;
            case "/query" when SplitWord(rest) is ({ Length: > 0 } nick, var text):
                Converse(nick, text);
                break;
            case "/r" when _lastPmFrom.Length > 0:
                Converse(_lastPmFrom, rest);
                break;
            case "/query" or "/r":
                Note(command == "/r" ? "no private message to reply to yet" : "usage: /query NICK [text]");
                break;
            case "/close" when window.IsRoom:
                Send("/part " + window.Name);
                break;
            case "/close":
                _windows.Close(window);
                break;
            case "/identify" when rest.Length == 0:
                AskPassword();
                break;
            case "/me" when !window.IsRoom:
                Note($"/me acts in a room; this window is a private conversation with {window.Name}");
                break;
            case "/quit":
                Send(line);
                return true;
            case var _ when line.StartsWith('/') && !line.StartsWith("//", StringComparison.Ordinal):
                Send(line);
                break;
            default:
                // Named explicitly rather than "the current room": right even while a window switch is on its way.
                Send($"/msg {window.Name} {(line.StartsWith("//", StringComparison.Ordinal) ? line[1..] : line)}");
                break;
        }
        return false;
    }

    /// <summary>/query and /r: shows the private window with a person, and sends the text if there is any.</summary>
    private void Converse(string nick, string text)
    {
        SelectWindow(_windows.Open(nick));
        if (text.Length > 0)
        {
            Send($"/msg {nick} {text}");
        }
    }

    /// <summary>/identify alone: the password from --password-file, or typed with no echo (and never kept in the history).</summary>
    private void AskPassword()
    {
        if (_options.PasswordFile is { } file)
        {
            try
            {
                Send("/identify " + File.ReadAllText(file).Trim());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Note($"cannot read the password file: {e.Message}");
            }
            return;
        }
        _editor.Secret = true;
    }

    private static (string Word, string After) SplitWord(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }
}
