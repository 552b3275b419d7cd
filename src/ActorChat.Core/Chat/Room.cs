using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Core.Chat;

/// <summary>A room: members, the next message id and recent history. Owned by the broker's pump alone.</summary>
internal sealed class Room(string name, int historyLines)
{
    // Members in the order they joined; a leaver leaves a hole (found in O(1) through the index), and
    // the holes are closed up once they are half the list, so a crowd leaving costs O(1) each.
    private readonly List<Member?> _slots = [];
    private readonly Dictionary<Member, int> _index = [];
    private int _holes;
    private RoomEvent[]? _history;    // allocated with the first message: empty rooms stay cheap
    private int _historyStart, _historyCount;
    private long _lastId;

    /// <summary>The name as first written, without '#'.</summary>
    public string Name { get; } = name;

    /// <summary>The members in the order they joined.</summary>
    public IEnumerable<Member> Members => _slots.Where(m => m is not null)!;

    /// <summary>The members with holes (null) where some left: the broadcast loop's allocation-free view.</summary>
    public ReadOnlySpan<Member?> Slots => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_slots);

    public int Count => _index.Count;

    public bool Contains(Member member) => _index.ContainsKey(member);

    /// <summary>Founder, topic, modes, operators, bans, mutes, invitations.</summary>
    public RoomRules Rules { get; private set; } = new();

    /// <summary>IRC's rule: an unclaimed room that empties forgets its topic, modes, operators and bans.</summary>
    public void ForgetRules() => Rules = new RoomRules();

    /// <summary>A claimed room, as loaded at start.</summary>
    public void Restore(RoomRules rules) => Rules = rules;

    /// <summary>When the room was first made (kept across restarts).</summary>
    public DateTime Created { get; init; } = DateTime.UtcNow;

    /// <summary>The last id given; the next message gets the one after.</summary>
    public long LastId => _lastId;

    public int HistoryCount => _historyCount;

    public void Add(Member member)
    {
        _index.Add(member, _slots.Count);
        _slots.Add(member);
    }

    public void Remove(Member member)
    {
        if (!_index.Remove(member, out var at))
        {
            return;
        }
        _slots[at] = null;
        Rules.RemoveOperator(member);
        if (++_holes > _slots.Count / 2)
        {
            CloseHoles();
        }
    }

    private void CloseHoles()
    {
        _slots.RemoveAll(m => m is null);
        _holes = 0;
        for (var i = 0; i < _slots.Count; i++)
        {
            _index[_slots[i]!] = i;
        }
    }

    public long NextId() => ++_lastId;

    /// <summary>Goes on from <paramref name="lastId"/> (the store's): an id is never given twice.</summary>
    public void ResumeAfter(long lastId) => _lastId = Math.Max(_lastId, lastId);

    /// <summary>Keeps <paramref name="message"/>; returns the message it pushed out of the ring, if any.</summary>
    public RoomEvent? Remember(RoomEvent message)
    {
        if (historyLines == 0)
        {
            return message;
        }
        _history ??= new RoomEvent[historyLines];
        var slot = (_historyStart + _historyCount) % historyLines;
        var evicted = _historyCount == historyLines ? _history[slot] : null;
        _history[slot] = message;
        if (evicted is null)
        {
            _historyCount++;
        }
        else
        {
            _historyStart = (_historyStart + 1) % historyLines;
        }
        return evicted;
    }

    /// <summary>Forgets the oldest message; null when there is none.</summary>
    public RoomEvent? ForgetOldest()
    {
        if (_historyCount == 0)
        {
            return null;
        }
        var oldest = _history![_historyStart];
        _history[_historyStart] = null!;
        _historyStart = (_historyStart + 1) % historyLines;
        _historyCount--;
        return oldest;
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
