using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat;

/// <summary>
/// Everything the broker owns: connected members by connection id, nicks, rooms and their history,
/// with the invariants that bind them (a nick names one member; a member is in its rooms and they
/// list it; an empty room but #lobby and claimed rooms is gone; history stays within its budget),
/// and the accounts, server operators and server bans. Touched by the broker's pump alone. With a
/// store (<paramref name="durable"/>) an empty room is only dormant: its last id and history stay
/// (within the budget) and come back when it is joined again, so an id is never given twice;
/// <paramref name="roomMade"/> hears of every room made anew.
/// </summary>
internal sealed class ChatState(ChatOptions options, bool durable = false, Action<Room>? roomMade = null)
{
    public const string Lobby = "lobby";
    public const int MaxServerBans = 10_000;

    private readonly Dictionary<long, Member> _members = [];
    private readonly Dictionary<string, Member> _nicks = new(Names.Comparer);
    private readonly Dictionary<string, Room> _rooms = new(Names.Comparer) { [Lobby] = new Room(Lobby, options.HistoryLines) };
    private readonly Dictionary<string, Room> _dormant = new(Names.Comparer);
    private long _historyBytes;
    private Room[]? _roomsBySize;     // /rooms' order, kept until a room comes, goes or changes size

    public ChatOptions Options { get; } = options;

    /// <summary>Registered accounts by name.</summary>
    public Dictionary<string, StoredAccount> Accounts { get; } = new(Names.Comparer);

    public BanList ServerBans { get; } = new(MaxServerBans);

    public HashSet<string> ServerOperators { get; } =
        options.Operators.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(Names.Comparer);

    /// <summary>Every connected member, with a nick or not yet.</summary>
    public IEnumerable<Member> Members => _members.Values;

    /// <summary>Set when server bans or invite-only rooms changed: the broker publishes a new <see cref="ModerationView"/>.</summary>
    public bool ViewChanged { get; set; }

    public bool IsServerOperator(Member member) => member.Account is { } account && ServerOperators.Contains(account);

    /// <summary>Puts what the store kept in place: accounts, server bans, claimed rooms with their rules.</summary>
    public void Load(ModerationRecords records)
    {
        foreach (var account in records.Accounts)
        {
            Accounts[account.Name] = account;
        }
        foreach (var ban in records.ServerBans)
        {
            if (Ban.From(ban) is { } parsed)
            {
                ServerBans.TryAdd(parsed);
            }
        }
        foreach (var registration in records.Rooms)
        {
            if (!Names.TryParseRoom(registration.Name, out var name))
            {
                continue;
            }
            if (!_rooms.TryGetValue(name, out var room))
            {
                _rooms[name] = room = new Room(name, Options.HistoryLines);
            }
            room.Restore(RoomRules.From(registration));
        }
    }

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

    public Member Add(IChatClient client, DateTime now) => _members[client.Id] = new Member(client, now);

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
        if (_dormant.Remove(name, out var dormant))
        {
            return _rooms[name] = dormant;
        }
        room = _rooms[name] = new Room(name, Options.HistoryLines);
        roomMade?.Invoke(room);
        return room;
    }

    /// <summary>
    /// Takes back what the store kept (at start): #lobby goes on where it stopped, every other room
    /// waits dormant with its last id and recent history until someone joins it.
    /// </summary>
    public void Restore(IEnumerable<StoredRoom> stored)
    {
        foreach (var kept in stored)
        {
            // A claimed room is in place already (Load): its history and ids go on in it.
            var room = Names.Comparer.Equals(kept.Name, Lobby) ? LobbyRoom
                : _rooms.GetValueOrDefault(kept.Name) ?? new Room(kept.Name, Options.HistoryLines) { Created = kept.Created };
            room.ResumeAfter(kept.LastId);
            foreach (var m in kept.History)
            {
                Remember(room, RoomEvent.Said(room.Name, m.Nick, m.Text, m.Id, m.IsAction, m.Time));
            }
            if (room != LobbyRoom && !_rooms.ContainsKey(room.Name))
            {
                _dormant[room.Name] = room;
            }
        }
    }

    public void Enter(Member member, Room room)
    {
        _roomsBySize = null;
        room.Add(member);
        member.Rooms.Add(room);
        member.Current = room;
    }

    /// <summary>
    /// Takes the member out of the room; the last room joined becomes current. An empty room goes with
    /// its history, unless it is #lobby or claimed; an empty unclaimed room forgets its rules.
    /// </summary>
    public void Exit(Member member, Room room)
    {
        _roomsBySize = null;
        room.Remove(member);
        member.Rooms.Remove(room);
        if (member.Current == room)
        {
            member.Current = member.Rooms.Count > 0 ? member.Rooms[^1] : null;
        }
        if (room.Count > 0 || room.Rules.IsClaimed)
        {
            return;
        }
        ViewChanged |= room.Rules.InviteOnly;
        room.ForgetRules();
        if (room.Name != Lobby)
        {
            _rooms.Remove(room.Name);
            if (durable)
            {
                _dormant[room.Name] = room;
                return;
            }
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
        // Dormant rooms' history is on disk anyway: it goes first.
        foreach (var other in _dormant.Values.Concat(_rooms.Values))
        {
            while (_historyBytes > Options.HistoryBudgetBytes && other.ForgetOldest() is { } gone)
            {
                _historyBytes -= Cost(gone);
            }
        }
    }

    private static long Cost(RoomEvent e) => e.TextBytes;
}
