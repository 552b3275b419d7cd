using ActorChat.Client.Protocol;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Terminal;

/// <summary>An older page of a room's history, oldest first; <see cref="NoneOlder"/>: the server has nothing before it.</summary>
internal sealed record OlderPage(string Room, IReadOnlyList<(ServerEvent Event, long Id)> Lines, bool NoneOlder);

/// <summary>
/// PgUp at the top of a room's window: asks the server for the page before its oldest message
/// (<c>/history #dev N before ID</c>, PROTOCOL.md section 5), then a <c>/ping</c>. The server
/// answers in command order, so everything between is the page and the pong ends it, whether the
/// page says where to go on (<c>older: …</c>), that nothing is older (<c>no messages …</c>), or
/// nothing at all. One page at a time; its lines and notes are taken here, not shown as they come.
/// </summary>
internal sealed class OlderHistory
{
    public const int PageLines = 100;
    private const string Token = "older-";
    private readonly List<(ServerEvent, long)> _lines = [];
    private string? _room;
    private bool _noneOlder;

    public bool IsLoading(ChatWindow window) => window.IsRoom && window.Name[1..].Equals(_room, StringComparison.OrdinalIgnoreCase);

    /// <summary>The lines that ask for the page before the window's oldest message; none while a page is on its way or when nothing is older.</summary>
    public string[] Ask(ChatWindow window)
    {
        if (_room is not null || !window.IsRoom || window.HistoryComplete)
        {
            return [];
        }
        _room = window.Name[1..];
        _lines.Clear();
        _noneOlder = false;
        var oldest = window.OldestId;
        return [oldest > 0 ? $"/history {window.Name} {PageLines} before {oldest}" : $"/history {window.Name} {PageLines}", $"/ping {Token}{_room}"];
    }

    /// <summary>Forgets the page on its way (the connection it was asked on is gone).</summary>
    public void Reset() => _room = null;

    /// <summary>True when the event belongs to the page on its way (it is not to be shown); <paramref name="page"/> is set by the event that completes it.</summary>
    public bool Take(ServerEvent e, out OlderPage? page)
    {
        page = null;
        if (_room is not { } room)
        {
            return false;
        }
        var here = e.Room.Equals(room, StringComparison.OrdinalIgnoreCase);
        switch (e.Type)
        {
            case JsonType.Message or JsonType.Action when e.History && here:
                _lines.Add((e, e.Id));
                return true;
            case JsonType.Info when e.Text.StartsWith($"older: /history #{room} ", StringComparison.OrdinalIgnoreCase):
                return true;
            case JsonType.Info when e.Text.StartsWith($"no messages in #{room} ", StringComparison.OrdinalIgnoreCase):
                _noneOlder = true;
                return true;
            case JsonType.Pong when e.Token == Token + room:
                page = new OlderPage(room, [.. _lines], _noneOlder || _lines.Count == 0);
                _room = null;
                _lines.Clear();
                return true;
            default:
                return false;
        }
    }
}
