using ActorChat.Client.Protocol;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Sessions;

/// <summary>
/// Who is in each room this session is in, and who operates it, as far as it has seen: a
/// <c>/who</c> answer gives the whole list (its later pages add to it), joins, parts, kicks, nick
/// and mode changes keep it current. Thread-safe: completion and the member list read it from the
/// key loop; each room's version tells them when a copy they keep is stale.
/// </summary>
internal sealed class RoomMembers
{
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private int _changes;

    public void Track(ServerEvent e, string me)
    {
        if (e.History || e.Room.Length == 0)
        {
            return;
        }
        lock (_rooms)
        {
            var room = RoomOf(e.Room);
            var gone = e.Nick.Equals(me, StringComparison.OrdinalIgnoreCase);
            switch (e.Type)
            {
                case JsonType.Who:
                    if (e.Page <= 1)
                    {
                        room.Nicks.Clear();
                        room.Ops.Clear();
                    }
                    room.Nicks.UnionWith(e.Nicks ?? []);
                    room.Ops.UnionWith(e.Ops ?? []);
                    break;
                case JsonType.Join or JsonType.Message or JsonType.Action:
                    room.Nicks.Add(e.Nick);
                    break;
                case JsonType.Part or JsonType.Kick or JsonType.Kill when gone:
                    _rooms.Remove(e.Room);
                    return;
                case JsonType.Part or JsonType.Kick or JsonType.Kill:
                    room.Nicks.Remove(e.Nick);
                    room.Ops.Remove(e.Nick);
                    break;
                case JsonType.Nick:
                    room.Nicks.Remove(e.Old);
                    room.Nicks.Add(e.Nick);
                    if (room.Ops.Remove(e.Old))
                    {
                        room.Ops.Add(e.Nick);
                    }
                    break;
                case JsonType.Mode when e.Mode == "+o":
                    room.Ops.Add(e.Target);
                    break;
                case JsonType.Mode when e.Mode == "-o":
                    room.Ops.Remove(e.Target);
                    break;
                default:
                    return;
            }
            room.Version = ++_changes;       // counted over all rooms: a room left and joined again never repeats a version
        }
    }

    public IReadOnlyCollection<string> All(string except)
    {
        lock (_rooms)
        {
            return [.. _rooms.Values.SelectMany(r => r.Nicks).Where(n => !n.Equals(except, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>How many changes a room has seen: a copy of its list taken at another version is stale.</summary>
    public int VersionOf(string room)
    {
        lock (_rooms)
        {
            return _rooms.TryGetValue(room, out var r) ? r.Version : -1;
        }
    }

    /// <summary>A room's members, operators first, each group by name (as IRC clients list them).</summary>
    public IReadOnlyList<(string Nick, bool Operator)> List(string room)
    {
        lock (_rooms)
        {
            return _rooms.TryGetValue(room, out var r)
                ? [.. r.Nicks.Select(n => (n, r.Ops.Contains(n))).OrderBy(m => !m.Item2).ThenBy(m => m.n, StringComparer.OrdinalIgnoreCase)]
                : [];
        }
    }

    public void Clear()
    {
        lock (_rooms)
        {
            _rooms.Clear();
        }
    }

    private Room RoomOf(string room) => _rooms.TryGetValue(room, out var members) ? members : _rooms[room] = new Room();

    private sealed class Room
    {
        public HashSet<string> Nicks { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Ops { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Version { get; set; }
    }
}
