using System.Text.RegularExpressions;
using ActorChat.Client.Protocol;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Terminal;

/// <summary>
/// The windows in their order (numbered from 1, as Alt+1..9 and /win N count them) and which one
/// is shown; decides the window each event belongs in and whether it calls for attention.
/// </summary>
internal sealed class ChatWindows
{
    private readonly List<ChatWindow> _windows = [new("#lobby")];

    public ChatWindow Current { get; private set; }

    public ChatWindows() => Current = _windows[0];

    public IReadOnlyList<ChatWindow> All => _windows;

    public int NumberOf(ChatWindow window) => _windows.IndexOf(window) + 1;

    public ChatWindow? Find(string name) => _windows.Find(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public ChatWindow Open(string name)
    {
        if (Find(name) is { } window)
        {
            return window;
        }
        window = new ChatWindow(name);
        _windows.Add(window);
        return window;
    }

    public void Select(ChatWindow window)
    {
        Current = window;
        window.MarkRead();
    }

    /// <summary>The window after (+1, Ctrl+N) or before (-1, Ctrl+P) the one shown, wrapping around.</summary>
    public ChatWindow Next(int by) => _windows[(_windows.IndexOf(Current) + by + _windows.Count) % _windows.Count];

    /// <summary>Closes a window, unless it is the last one; the one before it is shown if it was.</summary>
    public void Close(ChatWindow window)
    {
        var index = _windows.IndexOf(window);
        if (_windows.Count == 1 || index < 0)
        {
            return;
        }
        _windows.RemoveAt(index);
        if (Current == window)
        {
            Select(_windows[Math.Max(0, index - 1)]);
        }
    }

    /// <summary>
    /// Where an event goes: room events to the room's window, private messages to the other
    /// person's (opened for one that arrives), a topic reply to its room's, an away reply to the
    /// person's, the rest (answers, errors) to the window shown. Attention: a private message to
    /// you, your nick said in a room by someone else, a kick of you, a wall notice, an invitation.
    /// </summary>
    public (ChatWindow Window, bool Attention) Place(ServerEvent e, string me)
    {
        var fromMe = e.Nick.Equals(me, StringComparison.OrdinalIgnoreCase);
        return e.Type switch
        {
            JsonType.Kick or JsonType.Kill when fromMe => (Current, true),        // its room's window is closed: shown where you are
            JsonType.Message or JsonType.Action when e.Room.Length > 0 => (Open("#" + e.Room), !fromMe && !e.History && Mentions(e.Text, me)),
            JsonType.Join or JsonType.Part or JsonType.Nick or JsonType.Kick or JsonType.Kill or JsonType.Topic or JsonType.Mode when e.Room.Length > 0
                => (Open("#" + e.Room), fromMe && e.Type == JsonType.Kick),
            JsonType.RoomTopic => (Find("#" + e.Room) ?? Current, false),
            JsonType.Away => (Find(e.Nick) ?? Current, false),
            JsonType.Pm when e.From.Equals(me, StringComparison.OrdinalIgnoreCase) => (Find(e.To) ?? Current, false),
            JsonType.Pm => (Open(e.From), true),
            JsonType.Wall or JsonType.Invite => (Current, true),
            JsonType.Welcome => (Open("#lobby"), false),
            _ => (Current, false),
        };
    }

    private static bool Mentions(string text, string me) =>
        me.Length > 0 && Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(me)}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
