using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Chat;

/// <summary>A room: members, the next message id and recent history. Owned by the broker's pump alone.</summary>
internal sealed class Room(string name, int historyLines)
{
    private RoomEvent[]? _history;    // allocated with the first message: empty rooms stay cheap
    private int _historyStart, _historyCount;
    private long _lastId;

    /// <summary>The name as first written, without '#'.</summary>
    public string Name { get; } = name;

    public List<Member> Members { get; } = [];

    public long NextId() => ++_lastId;

    public void Remember(RoomEvent message)
    {
        if (historyLines == 0)
        {
            return;
        }
        _history ??= new RoomEvent[historyLines];
        _history[(_historyStart + _historyCount) % historyLines] = message;
        if (_historyCount < historyLines)
        {
            _historyCount++;
        }
        else
        {
            _historyStart = (_historyStart + 1) % historyLines;
        }
    }

    /// <summary>The last <paramref name="count"/> messages, oldest first.</summary>
    public IEnumerable<RoomEvent> History(int count)
    {
        var take = Math.Min(count, _historyCount);
        for (var i = _historyCount - take; i < _historyCount; i++)
        {
            yield return _history![(_historyStart + i) % historyLines];
        }
    }
}
