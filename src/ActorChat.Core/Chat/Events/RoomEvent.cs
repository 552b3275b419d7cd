namespace ActorChat.Core.Chat.Events;

internal enum RoomEventKind { Message, Action, Join, Part, Nick }

/// <summary>
/// One event in a room, as every member and the UDP mirror see it. Messages and actions carry the
/// room's next id and are kept as history.
/// </summary>
internal sealed class RoomEvent : ChatEvent
{
    private RoomEvent(RoomEventKind kind, string room, string nick, string text, long id = 0, DateTime? time = null)
        : base(time ?? DateTime.UtcNow)
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

    public bool IsSaid => Kind is RoomEventKind.Message or RoomEventKind.Action;

    public static RoomEvent Message(string room, string nick, string text, long id) => new(RoomEventKind.Message, room, nick, text, id);

    public static RoomEvent Action(string room, string nick, string text, long id) => new(RoomEventKind.Action, room, nick, text, id);

    /// <summary>A message or action said at <paramref name="time"/>, as the store kept it.</summary>
    public static RoomEvent Said(string room, string nick, string text, long id, bool action, DateTime time) =>
        new(action ? RoomEventKind.Action : RoomEventKind.Message, room, nick, text, id, time);

    public static RoomEvent Join(string room, string nick) => new(RoomEventKind.Join, room, nick, "");

    public static RoomEvent Part(string room, string nick, string reason) => new(RoomEventKind.Part, room, nick, reason);

    public static RoomEvent NickChange(string room, string oldNick, string newNick) => new(RoomEventKind.Nick, room, newNick, oldNick);
}

/// <summary>A private message from one nick to another.</summary>
internal sealed class PrivateMessage(string from, string to, string text) : ChatEvent
{
    public string From { get; } = from;

    public string To { get; } = to;

    public string Text { get; } = text;
}
