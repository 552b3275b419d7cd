namespace ActorChat.Core.Chat.Events;

internal enum RoomEventKind { Message, Action, Join, Part, Nick, Kick, Kill, Topic, Mode }

/// <summary>
/// One event in a room, as every member and the UDP mirror see it. Messages and actions carry the
/// room's next id and are kept as history.
/// </summary>
internal sealed class RoomEvent : ChatEvent
{
    private RoomEvent(RoomEventKind kind, string room, string nick, string text, long id = 0, DateTime? time = null, string target = "", string? account = null)
        : base(time ?? DateTime.UtcNow)
    {
        Account = account;
        Kind = kind;
        Room = room;
        Nick = nick;
        Text = text;
        Id = id;
        Target = target;
    }

    public RoomEventKind Kind { get; }

    /// <summary>The room's name without '#'.</summary>
    public string Room { get; }

    public string Nick { get; }

    /// <summary>
    /// The account of whoever did this (<see cref="Nick"/>; for a kick the kicker, <see cref="Target"/>)
    /// when it was identified (IRC's <c>account-tag</c>); null when none or unknown (history read back).
    /// </summary>
    public string? Account { get; }

    /// <summary>The message or action text, the part or kick reason, the old nick of a nick change, the topic, or the mode ("+i").</summary>
    public string Text { get; }

    /// <summary>Who kicked (a kick), or the nick or mask a mode is about ("+o bob"); else empty.</summary>
    public string Target { get; }

    public long Id { get; }

    /// <summary>
    /// The UTF-8 bytes of <see cref="Text"/>, what the event costs the history budget: counted when it
    /// is kept (its text still in the cache) and remembered, so forgetting it later reads no text.
    /// </summary>
    public int TextBytes => _textBytes >= 0 ? _textBytes : _textBytes = System.Text.Encoding.UTF8.GetByteCount(Text);

    private int _textBytes = -1;

    /// <summary>For a part: the member left the server, not only the room.</summary>
    public bool LeftServer { get; private init; }

    public bool IsSaid => Kind is RoomEventKind.Message or RoomEventKind.Action;

    public static RoomEvent Message(string room, string nick, string text, long id, string? account = null) =>
        new(RoomEventKind.Message, room, nick, text, id, account: account);

    public static RoomEvent Action(string room, string nick, string text, long id, string? account = null) =>
        new(RoomEventKind.Action, room, nick, text, id, account: account);

    /// <summary>A message or action said at <paramref name="time"/>, as the store kept it.</summary>
    public static RoomEvent Said(string room, string nick, string text, long id, bool action, DateTime time) =>
        new(action ? RoomEventKind.Action : RoomEventKind.Message, room, nick, text, id, time);

    public static RoomEvent Join(string room, string nick, string? account = null) => new(RoomEventKind.Join, room, nick, "", account: account);

    public static RoomEvent Part(string room, string nick, string reason, string? account = null) => new(RoomEventKind.Part, room, nick, reason, account: account);

    /// <summary>A part because the member left the server (quit, lost, cut): a part to the line protocol, a QUIT to IRC.</summary>
    public static RoomEvent Quit(string room, string nick, string reason, string? account = null) =>
        new(RoomEventKind.Part, room, nick, reason, account: account) { LeftServer = true };

    public static RoomEvent NickChange(string room, string oldNick, string newNick, string? account = null) =>
        new(RoomEventKind.Nick, room, newNick, oldNick, account: account);

    /// <summary><paramref name="nick"/> was kicked out by <paramref name="by"/>.</summary>
    /// <remarks><paramref name="byAccount"/>: the kicker's account (the KICK line's source is the kicker).</remarks>
    public static RoomEvent Kick(string room, string nick, string by, string reason, string? byAccount = null) =>
        new(RoomEventKind.Kick, room, nick, reason, target: by, account: byAccount);

    /// <summary><paramref name="nick"/> was taken off the server by a server operator (a kill or a ban).</summary>
    public static RoomEvent Kill(string room, string nick, string by, string reason) => new(RoomEventKind.Kill, room, nick, reason, target: by);

    /// <summary><paramref name="by"/> set the topic (empty: cleared it).</summary>
    public static RoomEvent Topic(string room, string by, string topic, string? account = null) => new(RoomEventKind.Topic, room, by, topic, account: account);

    /// <summary><paramref name="by"/> set a mode: "+i", "-t", or "+o" / "+q" / "+b" with <paramref name="target"/>.</summary>
    public static RoomEvent Mode(string room, string by, string mode, string target = "", string? account = null) =>
        new(RoomEventKind.Mode, room, by, mode, target: target, account: account);
}

/// <summary>A private message from one nick to another.</summary>
internal sealed class PrivateMessage(string from, string to, string text, string? account = null) : ChatEvent
{
    public string From { get; } = from;

    /// <summary>The account the sender is identified to, if any.</summary>
    public string? Account { get; } = account;

    public string To { get; } = to;

    public string Text { get; } = text;
}
