namespace ActorChat.Core.Chat.Events;

internal enum RoomEventKind { Message, Action, Join, Part, Nick }

/// <summary>
/// One event in a room, as every member and the UDP mirror see it. Messages and actions carry the
/// room's next id and are kept as history.
/// </summary>
internal sealed class RoomEvent : ChatEvent
{
    private RoomEvent(RoomEventKind kind, string room, string nick, string text, long id = 0)
    {
        Kind = kind;
        Room = room;
        Nick = nick;
        Text = text;
        Id = id;
    }

    public RoomEventKind Kind { get; }

    /// <summary>The room's name without '#'.</summary>
    public string Room { get; }

    public string Nick { get; }

    /// <summary>The message or action text, the part reason, or the old nick of a nick change.</summary>
    public string Text { get; }

    public long Id { get; }

    /// <summary>For a part: the member left the server, not only the room.</summary>
    public bool LeftServer { get; private init; }

    public bool IsSaid => Kind is RoomEventKind.Message or RoomEventKind.Action;

    public static RoomEvent Message(string room, string nick, string text, long id) => new(RoomEventKind.Message, room, nick, text, id);

    public static RoomEvent Action(string room, string nick, string text, long id) => new(RoomEventKind.Action, room, nick, text, id);

    public static RoomEvent Join(string room, string nick) => new(RoomEventKind.Join, room, nick, "");

    public static RoomEvent Part(string room, string nick, string reason) => new(RoomEventKind.Part, room, nick, reason);

    /// <summary>A part because the member left the server (quit, lost, cut): a part to the line protocol, a QUIT to IRC.</summary>
    public static RoomEvent Quit(string room, string nick, string reason) => new(RoomEventKind.Part, room, nick, reason) { LeftServer = true };

    public static RoomEvent NickChange(string room, string oldNick, string newNick) => new(RoomEventKind.Nick, room, newNick, oldNick);
}

/// <summary>A private message from one nick to another.</summary>
internal sealed class PrivateMessage(string from, string to, string text) : ChatEvent
{
    public string From { get; } = from;

    public string To { get; } = to;

    public string Text { get; } = text;
}
