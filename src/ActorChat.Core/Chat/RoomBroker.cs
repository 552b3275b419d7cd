using ActorChat.Core.Actors;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Chat;

/// <summary>
/// The room broker: owns nicks, rooms, membership, message ids and history, all touched by its
/// pump alone, so every member of a room sees that room's events in one order. Each event is one
/// object whose bytes are encoded once and queued by reference into every member's mailbox. The
/// broker never awaits a member: one whose send queue is full is cut (<c>send queue exceeded</c>).
/// </summary>
internal sealed class RoomBroker : Actor<BrokerMessage>, IChatBroker
{
    public const string Lobby = "lobby";
    private const int MailboxCapacity = 8192;
    private const string SendQueueExceeded = "send queue exceeded";

    private readonly ChatOptions _options;
    private readonly IRoomMirror _mirror;
    private readonly Dictionary<IChatClient, Member> _members = [];
    private readonly Dictionary<string, Member> _nicks = new(Names.Comparer);
    private readonly Dictionary<string, Room> _rooms = new(Names.Comparer);
    private readonly List<Member> _overflowing = [];

    public RoomBroker(IOptions<ChatOptions> options, IRoomMirror mirror, ILogger<RoomBroker> logger)
        : base(logger, MailboxCapacity, batchSize: 256)
    {
        _options = options.Value;
        _mirror = mirror;
        _rooms[Lobby] = new Room(Lobby, _options.HistoryLines);   // #lobby always exists: everyone starts there
    }

    public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) =>
        Mailbox.WriteAsync(message, cancellationToken);

    protected override void Receive(BrokerMessage message)
    {
        try
        {
            Dispatch(message);
        }
        finally
        {
            CutOverflowing();
        }
    }

    private void Dispatch(BrokerMessage message)
    {
        switch (message)
        {
            case Connected { Client: var client }:
                Welcome(_members[client] = new Member(client));
                break;
            case Input input when _members.TryGetValue(input.Client, out var member):
                Handle(member, input.Command);
                break;
            case Answer answer when _members.TryGetValue(answer.Client, out var member):
                Reply(member, answer.Item);
                break;
            case Disconnected gone when _members.Remove(gone.Client, out var member):
                Log.ClientLeft(Logger, gone.Client.Remote, member.Nick, gone.Reason);
                Remove(member, gone.Reason);
                break;
            case RegistrationExpired { Client: var client } when _members.TryGetValue(client, out var member) && member.Nick is null:
                _members.Remove(client);
                Log.ClientCut(Logger, client.Remote, null, "registration timeout");
                client.Close(Notice.Error("registration timeout"));
                break;
        }
    }

    private void Welcome(Member member)
    {
        var rooms = _rooms.Values.Count(r => r.Members.Count > 0);
        Reply(member, Notice.Info($"Welcome to ActorChat 1.0. {Wire.Plural(_nicks.Count, "user")} online in {Wire.Plural(rooms, "room")}."));
        Reply(member, Notice.Info("Choose a nick:"));
    }

    private void Handle(Member member, Command command)
    {
        if (HandleAnytime(member, command))
        {
            return;
        }
        if (member.Nick is null)
        {
            HandleUnregistered(member, command);
            return;
        }
        switch (command.Kind)
        {
            case CommandKind.Say:
                Say(member, member.Current, command.Text, action: false);
                break;
            case CommandKind.Me when command.Text.Length == 0:
                Reply(member, Notice.Error("usage: /me text"));
                break;
            case CommandKind.Me:
                Say(member, member.Current, command.Text, action: true);
                break;
            case CommandKind.Msg:
                Msg(member, command.Arg, command.Text);
                break;
            case CommandKind.Nick:
                ChangeNick(member, command.Arg);
                break;
            case CommandKind.Join:
                Join(member, command.Arg);
                break;
            case CommandKind.Part:
                Part(member, command.Text);
                break;
            case CommandKind.Who:
                Who(member, command.Arg);
                break;
            case CommandKind.Rooms:
                var rooms = _rooms.Values.OrderByDescending(r => r.Members.Count).ThenBy(r => r.Name, Names.Comparer);
                Reply(member, Notice.Rooms([.. rooms.Select(r => (r.Name, r.Members.Count))]));
                break;
            case CommandKind.History:
                History(member, command.Arg);
                break;
        }
    }

    /// <summary>The commands that need no nick and no room; true when the command was one of them.</summary>
    private bool HandleAnytime(Member member, Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Ping:
                Reply(member, Notice.Pong(command.Text));
                return true;
            case CommandKind.Json:
                member.Json = true;
                Reply(member, new ModeChange(json: true));
                Reply(member, Notice.Info("JSON mode on: one JSON object per line"));
                return true;
            case CommandKind.Timestamps when command.Arg.ToLowerInvariant() is "on" or "off":
                var on = command.Arg.Equals("on", StringComparison.OrdinalIgnoreCase);
                Reply(member, new ModeChange(timestamps: on));
                Reply(member, Notice.Info(on ? "timestamps on" : "timestamps off"));
                return true;
            case CommandKind.Timestamps:
                Reply(member, Notice.Error("usage: /timestamps on|off"));
                return true;
            case CommandKind.Help:
                foreach (var line in HelpText.Lines)
                {
                    Reply(member, Notice.Info(line));
                }
                return true;
            case CommandKind.Unknown:
                Reply(member, Notice.Error($"unknown command /{command.Arg} (try /help)"));
                return true;
            case CommandKind.Quit:
                Quit(member, command.Text);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Until a nick is accepted, a plain line (or /nick) is the wanted nick.</summary>
    private void HandleUnregistered(Member member, Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Say:
                Register(member, command.Text.Trim());
                break;
            case CommandKind.Nick:
                Register(member, command.Arg);
                break;
            default:
                Reply(member, Notice.Error("choose a nick first"));
                break;
        }
    }

    private void Register(Member member, string nick)
    {
        if (NickProblem(member, nick) is { } problem)
        {
            Reply(member, Notice.Error($"{problem}; choose another:"));
            return;
        }
        member.Nick = nick;
        _nicks[nick] = member;
        Log.Registered(Logger, nick, member.Client.Remote);

        var lobby = _rooms[Lobby];
        Enter(member, lobby);
        var join = RoomEvent.Join(lobby.Name, nick);
        if (IsAuditorium(lobby))
        {
            _mirror.Publish(join);
        }
        else
        {
            Broadcast(lobby, join, except: member);   // the welcome line stands for the own join
        }
        Reply(member, Notice.Welcome(nick, $"You are {nick}. Joined #{lobby.Name} ({Wire.Plural(lobby.Members.Count, "user")})."));
        Replay(member, lobby, _options.HistoryOnJoin);
    }

    private string? NickProblem(Member member, string nick)
    {
        if (!Names.IsValidNick(nick))
        {
            return $"invalid nick '{nick}' (1-{Names.MaxNick} letters, digits, _ or -, not starting with a digit or -)";
        }
        return _nicks.TryGetValue(nick, out var owner) && owner != member ? $"nick '{nick}' is taken" : null;
    }

    private void Say(Member member, Room? room, string text, bool action)
    {
        if (room is null)
        {
            Reply(member, Notice.Error("you are in no room: /join one"));
            return;
        }
        var id = room.NextId();
        var said = action ? RoomEvent.Action(room.Name, member.Nick!, text, id) : RoomEvent.Message(room.Name, member.Nick!, text, id);
        room.Remember(said);
        Broadcast(room, said, except: member.Json ? null : member);
    }

    private void Msg(Member member, string target, string text)
    {
        if (target.Length == 0 || text.Length == 0)
        {
            Reply(member, Notice.Error("usage: /msg NICK text, or /msg #ROOM text"));
            return;
        }
        if (target.StartsWith('#'))
        {
            if (OwnRoom(member, target) is { } room)
            {
                Say(member, room, text, action: false);
            }
            else
            {
                Reply(member, Notice.Error($"you are not in {target}"));
            }
            return;
        }
        if (!_nicks.TryGetValue(target, out var to))
        {
            Reply(member, Notice.Error($"no such nick '{target}'"));
            return;
        }
        var pm = new PrivateMessage(member.Nick!, to.Nick!, text);
        Deliver(to, pm);
        if (to != member && member.Json)
        {
            Deliver(member, pm);
        }
    }

    private void ChangeNick(Member member, string nick)
    {
        if (nick.Length == 0)
        {
            Reply(member, Notice.Error("usage: /nick NAME"));
            return;
        }
        if (NickProblem(member, nick) is { } problem)
        {
            Reply(member, Notice.Error(problem));
            return;
        }
        var old = member.Nick!;
        if (old == nick)
        {
            Reply(member, Notice.Info($"you are {nick} already"));
            return;
        }
        _nicks.Remove(old);
        _nicks[nick] = member;
        member.Nick = nick;
        if (member.Rooms.Count == 0)
        {
            Reply(member, Notice.Info($"you are now {nick}"));
        }
        foreach (var room in member.Rooms)
        {
            Announce(room, RoomEvent.NickChange(room.Name, old, nick), member);
        }
    }

    private void Join(Member member, string name)
    {
        if (!Names.TryParseRoom(name, out var roomName))
        {
            Reply(member, Notice.Error(name.Length == 0 ? "usage: /join ROOM"
                : $"invalid room '{name}' (1-{Names.MaxRoom} letters, digits, _ or -, not starting with a digit or -)"));
            return;
        }
        if (OwnRoom(member, roomName) is { } current)
        {
            member.Current = current;
            Reply(member, Notice.Info($"#{current.Name} is now your current room"));
            return;
        }
        if (member.Rooms.Count >= _options.MaxRoomsPerUser)
        {
            Reply(member, Notice.Error($"you are in {_options.MaxRoomsPerUser} rooms already: /part one first"));
            return;
        }
        if (!_rooms.TryGetValue(roomName, out var room))
        {
            _rooms[roomName] = room = new Room(roomName, _options.HistoryLines);
        }
        Enter(member, room);
        Announce(room, RoomEvent.Join(room.Name, member.Nick!), member);
        Replay(member, room, _options.HistoryOnJoin);
    }

    /// <summary>"/part [ROOM] [reason]": the first word is the room when it starts with '#' or names a room the member is in.</summary>
    private void Part(Member member, string text)
    {
        var (first, rest) = Command.SplitWord(text);
        var namesRoom = first.StartsWith('#') || OwnRoom(member, first) is not null;
        var room = namesRoom ? OwnRoom(member, first) : member.Current;
        if (room is null)
        {
            Reply(member, Notice.Error(namesRoom ? $"you are not in #{first.TrimStart('#')}" : "you are in no room"));
            return;
        }
        var wasCurrent = member.Current == room;
        Leave(member, room, namesRoom ? rest : text);
        if (wasCurrent)
        {
            Reply(member, Notice.Info(member.Current is null ? "you are in no room now: /join one" : $"your current room is now #{member.Current.Name}"));
        }
    }

    private void Who(Member member, string name)
    {
        var room = name.Length == 0 ? member.Current
            : Names.TryParseRoom(name, out var roomName) ? _rooms.GetValueOrDefault(roomName) : null;
        if (room is null)
        {
            Reply(member, Notice.Error(name.Length == 0 ? "you are in no room: /who ROOM" : $"no such room '{name}'"));
            return;
        }
        Reply(member, Notice.Who(room.Name, [.. room.Members.Select(m => m.Nick!)]));
    }

    private void History(Member member, string count)
    {
        const int Default = 20;
        var n = Default;
        if (count.Length > 0 && (!int.TryParse(count, out n) || n < 1))
        {
            Reply(member, Notice.Error("usage: /history [N], N a whole number from 1"));
            return;
        }
        if (member.Current is not { } room)
        {
            Reply(member, Notice.Error("you are in no room: /join one"));
            return;
        }
        if (Replay(member, room, n) == 0)
        {
            Reply(member, Notice.Info($"no messages in #{room.Name} yet"));
        }
    }

    private void Quit(Member member, string reason)
    {
        _members.Remove(member.Client);
        Remove(member, reason.Length == 0 ? "quit" : reason);
        member.Client.Close(Notice.Info("bye"));
    }

    private static void Enter(Member member, Room room)
    {
        room.Members.Add(member);
        member.Rooms.Add(room);
        member.Current = room;
    }

    private void Leave(Member member, Room room, string reason)
    {
        Announce(room, RoomEvent.Part(room.Name, member.Nick!, reason), member);
        room.Members.Remove(member);
        member.Rooms.Remove(room);
        if (member.Current == room)
        {
            member.Current = member.Rooms.Count > 0 ? member.Rooms[^1] : null;
        }
        if (room.Members.Count == 0 && room.Name != Lobby)
        {
            _rooms.Remove(room.Name);    // an empty room and its history go; only #lobby stays
        }
    }

    /// <summary>Takes a member out of every room (they see it leave with the reason) and frees its nick.</summary>
    private void Remove(Member member, string reason)
    {
        while (member.Rooms.Count > 0)
        {
            Leave(member, member.Rooms[^1], reason);
        }
        if (member.Nick is not null)
        {
            _nicks.Remove(member.Nick);
        }
    }

    private int Replay(Member member, Room room, int count)
    {
        var n = 0;
        foreach (var message in room.History(count))
        {
            Deliver(member, message, history: true);
            n++;
        }
        return n;
    }

    private bool IsAuditorium(Room room) => room.Members.Count > _options.RoomNoticeLimit;

    /// <summary>
    /// Joins, parts and nick changes. In an auditorium only the member it concerns sees it (as
    /// confirmation), so a crowd does not cost O(members²).
    /// </summary>
    private void Announce(Room room, RoomEvent notice, Member subject)
    {
        if (IsAuditorium(room))
        {
            Deliver(subject, notice);
            _mirror.Publish(notice);
            return;
        }
        Broadcast(room, notice);
    }

    private void Broadcast(Room room, RoomEvent roomEvent, Member? except = null)
    {
        foreach (var member in room.Members)
        {
            if (member != except)
            {
                Deliver(member, roomEvent);
            }
        }
        _mirror.Publish(roomEvent);
    }

    private void Reply(Member member, Outgoing item) => Deliver(member, item);

    private void Deliver(Member member, Outgoing item, bool history = false)
    {
        if (!member.Client.TryDeliver(item, history) && !member.Overflowed)
        {
            member.Overflowed = true;
            _overflowing.Add(member);
        }
    }

    /// <summary>Cuts every member whose send queue overflowed; their part lines may overflow others in turn.</summary>
    private void CutOverflowing()
    {
        for (var i = 0; i < _overflowing.Count; i++)
        {
            var member = _overflowing[i];
            if (_members.Remove(member.Client))
            {
                Log.ClientCut(Logger, member.Client.Remote, member.Nick, SendQueueExceeded);
                member.Client.Abort(SendQueueExceeded);
                Remove(member, SendQueueExceeded);
            }
        }
        _overflowing.Clear();
    }

    private static Room? OwnRoom(Member member, string name) =>
        Names.TryParseRoom(name, out var roomName) ? member.Rooms.Find(r => Names.Comparer.Equals(r.Name, roomName)) : null;
}
