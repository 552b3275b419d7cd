using ActorChat.Client.Protocol;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Sessions;

/// <summary>
/// Who is in each room this session is in, as far as it has seen: a <c>/who</c> answer gives the
/// whole list, joins, parts and nick changes keep it current. Thread-safe: completion reads it
/// from the key loop.
/// </summary>
internal sealed class RoomMembers
{
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.OrdinalIgnoreCase);

    public void Track(ServerEvent e, string me)
    {
        if (e.History || e.Room.Length == 0)
        {
            return;
        }
        lock (_rooms)
        {
            switch (e.Type)
            {
                case JsonType.Who:
                    _rooms[e.Room] = new HashSet<string>(e.Nicks ?? [], StringComparer.OrdinalIgnoreCase);
                    break;
                case JsonType.Join or JsonType.Message or JsonType.Action:
                    Room(e.Room).Add(e.Nick);
                    break;
                case JsonType.Part when e.Nick.Equals(me, StringComparison.OrdinalIgnoreCase):
                    _rooms.Remove(e.Room);
                    break;
                case JsonType.Part:
                    Room(e.Room).Remove(e.Nick);
                    break;
                case JsonType.Nick:
                    Room(e.Room).Remove(e.Old);
                    Room(e.Room).Add(e.Nick);
                    break;
            }
        }
    }

    public IReadOnlyCollection<string> All(string except)
    {
        lock (_rooms)
        {
            return [.. _rooms.Values.SelectMany(r => r).Where(n => !n.Equals(except, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }

    public void Clear()
    {
        lock (_rooms)
        {
            _rooms.Clear();
        }
    }

    private HashSet<string> Room(string room) =>
        _rooms.TryGetValue(room, out var members) ? members : _rooms[room] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
