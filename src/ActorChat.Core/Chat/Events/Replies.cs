namespace ActorChat.Core.Chat.Events;

/// <summary>To a new connection: who is here, before it picks a nick.</summary>
internal sealed class Greeting(int users, int rooms) : ChatEvent
{
    public int Users { get; } = users;

    public int Rooms { get; } = rooms;
}

/// <summary>The nick was accepted; the client is in <see cref="Room"/> with <see cref="Users"/> members (or in no room).</summary>
internal sealed class Welcome(string nick, string? room, int users) : ChatEvent
{
    public string Nick { get; } = nick;

    public string? Room { get; } = room;

    public int Users { get; } = users;
}

/// <summary>The answer to <c>Ping</c>: everything asked before it has been answered.</summary>
internal sealed class Pong(string token) : ChatEvent
{
    public string Token { get; } = token;
}

/// <summary>One page of a room's members.</summary>
internal sealed class WhoReply(string room, int total, IReadOnlyList<string> nicks, Page page, IReadOnlyList<string>? operators = null) : ChatEvent
{
    /// <summary>The nicks of this page that are operators of the room.</summary>
    public IReadOnlyList<string> Operators { get; } = operators ?? [];

    public string Room { get; } = room;

    public int Total { get; } = total;

    public IReadOnlyList<string> Nicks { get; } = nicks;

    public Page Page { get; } = page;
}

/// <summary>One page of the rooms, largest first.</summary>
internal sealed class RoomList(int total, IReadOnlyList<(string Name, int Users, string? Topic)> rooms, Page page) : ChatEvent
{
    public int Total { get; } = total;

    public IReadOnlyList<(string Name, int Users, string? Topic)> Rooms { get; } = rooms;

    public Page Page { get; } = page;
}

/// <summary>Which page of how many a paged answer is.</summary>
internal readonly record struct Page(int Number, int Count)
{
    public const int Size = 100;

    public bool IsOnly => Count <= 1;

    public static int CountFor(int items) => Math.Max(1, (items + Size - 1) / Size);
}

internal enum InfoKind
{
    /// <summary>A nick change seen by nobody else (the member is in no room).</summary>
    NickChanged,
    /// <summary>A nick change to the nick the member has.</summary>
    NickUnchanged,
    /// <summary>The room joined again is the current room now.</summary>
    CurrentRoom,
    /// <summary>After leaving the current room: the new current room, or none.</summary>
    CurrentRoomAfterPart,
    /// <summary>The last line to a client that quit.</summary>
    Goodbye,
    /// <summary>The last line to everyone when the server stops.</summary>
    ServerShuttingDown,
    /// <summary>The member is marked away (Subject: its message).</summary>
    AwayOn,
    /// <summary>The member is back.</summary>
    AwayOff,
    Ignoring,
    Unignoring,
    /// <summary>Subject: the nick invited; Detail: the room.</summary>
    Invited,
    /// <summary>A server ban was set (Subject: the mask; Detail: how many connections it closed).</summary>
    BanSet,
    BanLifted,
    /// <summary>Subject: the room claimed.</summary>
    Claimed,
    NoMotd,
    /// <summary>The last line to a connection whose account logged in from elsewhere.</summary>
    LoggedInElsewhere,
}

/// <summary>A reply that is a statement about the asker's own state; <see cref="Subject"/> is the nick or room it names, if any.</summary>
internal sealed class Info(InfoKind kind, string? subject = null, string? detail = null) : ChatEvent
{
    public InfoKind Kind { get; } = kind;

    public string? Subject { get; } = subject;

    /// <summary>A second word where the statement has one (the room of an invitation).</summary>
    public string? Detail { get; } = detail;
}

/// <summary>How many users are registered and how many rooms exist.</summary>
internal sealed class UserCounts(int users, int rooms) : ChatEvent
{
    public int Users { get; } = users;

    public int Rooms { get; } = rooms;
}

/// <summary>Those of the nicks asked about that are connected, as they are written.</summary>
internal sealed class Present(IReadOnlyList<string> nicks) : ChatEvent
{
    public IReadOnlyList<string> Nicks { get; } = nicks;
}

/// <summary>
/// Brackets the messages of one history answer (<see cref="Start"/> true before, false after), so a
/// format can frame them; sent only around an answer that holds messages, or any answer to <c>History</c>.
/// </summary>
internal sealed class HistoryMark(string room, bool start) : ChatEvent
{
    public string Room { get; } = room;

    public bool Start { get; } = start;
}
