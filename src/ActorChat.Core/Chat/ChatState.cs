using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat;

/// <summary>
/// Everything the broker owns: connected members by connection id, nicks, rooms and their history,
/// with the invariants that bind them (a nick names one member; a member is in its rooms and they
/// list it; an empty room but #lobby is gone; history stays within its budget). Touched by the
/// broker's pump alone.
/// </summary>
internal sealed class ChatState(ChatOptions options)
{
    public const string Lobby = "lobby";

    private readonly Dictionary<long, Member> _members = [];
    private readonly Dictionary<string, Member> _nicks = new(Names.Comparer);
    private readonly Dictionary<string, Room> _rooms = new(Names.Comparer) { [Lobby] = new Room(Lobby, options.HistoryLines) };
    private long _historyBytes;
    private Room[]? _roomsBySize;     // /rooms' order, kept until a room comes, goes or changes size

    public ChatOptions Options { get; } = options;

    /// <summary>#lobby always exists: the line protocol puts everyone there first.</summary>
    public Room LobbyRoom => _rooms[Lobby];

    public int Users => _nicks.Count;

    public int RoomCount => _rooms.Count;

    public IEnumerable<Room> Rooms => _rooms.Values;

    /// <summary>
    /// The rooms, largest first, then by name: sorted once and kept while nothing changes, so asking
    /// for <c>/rooms</c> again and again costs the broker nothing.
    /// </summary>
    public IReadOnlyList<Room> RoomsBySize => _roomsBySize ??=
        [.. _rooms.Values.OrderByDescending(r => r.Count).ThenBy(r => r.Name, Names.Comparer)];

    /// <summary>The text kept as history over all rooms, in UTF-8 bytes.</summary>
    public long HistoryBytes => _historyBytes;

    public Member Add(IChatClient client) => _members[client.Id] = new Member(client);

    public Member? Find(IChatClient client) => _members.GetValueOrDefault(client.Id);

    public Member? FindNick(string nick) => _nicks.GetValueOrDefault(nick);

    public Room? FindRoom(string name) => _rooms.GetValueOrDefault(name);

    /// <summary>Forgets a connection; false when it was gone already.</summary>
    public bool Forget(Member member) => _members.Remove(member.Id);

    public bool IsTaken(string nick, Member by) => _nicks.TryGetValue(nick, out var owner) && owner != by;

    public void Name(Member member, string nick)
    {
        if (member.Nick is not null)
        {
            _nicks.Remove(member.Nick);
        }
        _nicks[nick] = member;
        member.Nick = nick;
    }

    /// <summary>The room, made now if it does not exist yet (null when the server has <c>MaxRooms</c> already).</summary>
    public Room? GetOrCreateRoom(string name)
    {
        if (_rooms.TryGetValue(name, out var room))
        {
            return room;
        }
        if (_rooms.Count >= Options.MaxRooms)
        {
            return null;
        }
        _roomsBySize = null;
        return _rooms[name] = new Room(name, Options.HistoryLines);
    }

    public void Enter(Member member, Room room)
    {
        _roomsBySize = null;
        room.Add(member);
        member.Rooms.Add(room);
        member.Current = room;
    }

    /// <summary>Takes the member out of the room; the last room joined becomes current; an empty room goes with its history.</summary>
    public void Exit(Member member, Room room)
    {
        _roomsBySize = null;
        room.Remove(member);
        member.Rooms.Remove(room);
        if (member.Current == room)
        {
            member.Current = member.Rooms.Count > 0 ? member.Rooms[^1] : null;
        }
        if (room.Count == 0 && room.Name != Lobby)
        {
            _rooms.Remove(room.Name);
            while (room.ForgetOldest() is { } gone)
            {
                _historyBytes -= Cost(gone);
            }
        }
    }

    /// <summary>Frees the nick of a member that has left every room.</summary>
    public void Unname(Member member)
    {
        if (member.Nick is not null)
        {
            _nicks.Remove(member.Nick);
        }
    }

    /// <summary>
    /// Keeps a message as history. Past <c>HistoryBudgetBytes</c> the oldest messages are forgotten,
    /// the writing room's first (it pays for its own talk), then other rooms'.
    /// </summary>
    public void Remember(Room room, RoomEvent said)
    {
        _historyBytes += Cost(said);
        if (room.Remember(said) is { } evicted)
        {
            _historyBytes -= Cost(evicted);
        }
        if (_historyBytes <= Options.HistoryBudgetBytes)
        {
            return;
        }
        while (_historyBytes > Options.HistoryBudgetBytes && room.HistoryCount > 1 && room.ForgetOldest() is { } gone)
        {
            _historyBytes -= Cost(gone);
        }
        foreach (var other in _rooms.Values)
        {
            while (_historyBytes > Options.HistoryBudgetBytes && other.ForgetOldest() is { } gone)
            {
                _historyBytes -= Cost(gone);
            }
        }
    }

    private static long Cost(RoomEvent e) => System.Text.Encoding.UTF8.GetByteCount(e.Text);
}
