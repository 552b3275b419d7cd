using ActorChat.Core.Chat.Events;
using ActorChat.Core.Metrics;

namespace ActorChat.Core.Chat;

/// <summary>
/// Delivery, and the cut policy: the same event object is queued into every member's outbox and
/// published to the mirror; a member whose outbox is full is noted here and cut by the broker after
/// the message at hand (it is never waited for).
/// </summary>
internal sealed class FanOut(IRoomMirror mirror, ChatOptions options)
{
    private readonly List<Member> _overflowing = [];

    public void Deliver(Member member, ChatEvent item, bool history = false)
    {
        ChatMetrics.Deliveries.Add(1);
        Queue(member, item, history);
    }

    /// <summary>Notes a member to be cut with "send queue exceeded" after the message at hand.</summary>
    public void Overflow(Member member)
    {
        if (!member.Overflowed)
        {
            member.Overflowed = true;
            ChatMetrics.SendQueueCuts.Add(1);
            _overflowing.Add(member);
        }
    }

    /// <summary>
    /// To every member of the room but <paramref name="except"/>, and to the mirror unless the room is
    /// invite only. Members who ignore <paramref name="speaker"/> (when given) are skipped: one null
    /// test per member while they ignore nobody.
    /// </summary>
    public void Broadcast(Room room, RoomEvent roomEvent, Member? except = null, Member? speaker = null)
    {
        var delivered = 0;
        foreach (var member in room.Slots)
        {
            if (member is not null && member != except && (speaker is null || !member.IsIgnoring(speaker)))
            {
                Queue(member, roomEvent, history: false);
                delivered++;
            }
        }
        ChatMetrics.Deliveries.Add(delivered);     // once per message, not per member: the hot loop stays a loop of TryDeliver
        Mirror(room, roomEvent);
    }

    private void Mirror(Room room, RoomEvent roomEvent)
    {
        if (!room.Rules.InviteOnly)
        {
            mirror.Publish(roomEvent);
        }
    }

    private void Queue(Member member, ChatEvent item, bool history)
    {
        if (!member.Client.TryDeliver(item, history))
        {
            Overflow(member);
        }
    }

    /// <summary>
    /// Joins, parts and nick changes. In an auditorium (over <c>RoomNoticeLimit</c> members) only the
    /// member it concerns sees it, as confirmation, so a crowd does not cost O(members²).
    /// <paramref name="confirm"/> false: the subject has its own confirmation (the welcome line).
    /// </summary>
    public void Announce(Room room, RoomEvent notice, Member subject, bool confirm = true)
    {
        if (!IsAuditorium(room))
        {
            Broadcast(room, notice, except: confirm ? null : subject);
            return;
        }
        if (confirm)
        {
            Deliver(subject, notice);
        }
        Mirror(room, notice);
    }

    /// <summary>
    /// To every member who shares a room with <paramref name="member"/>, once each, itself left out;
    /// auditoriums are skipped, as for joins. Rare (away, log in), so a set for the few with several rooms.
    /// </summary>
    public void ToPeers(Member member, ChatEvent item)
    {
        HashSet<Member>? seen = member.Rooms.Count > 1 ? [member] : null;
        foreach (var room in member.Rooms)
        {
            if (IsAuditorium(room))
            {
                continue;
            }
            foreach (var peer in room.Slots)
            {
                if (peer is not null && peer != member && (seen is null || seen.Add(peer)))
                {
                    Deliver(peer, item);
                }
            }
        }
    }

    /// <summary>To the room's members but <paramref name="except"/>, unless it is an auditorium; not mirrored (not room traffic).</summary>
    public void ToRoom(Room room, ChatEvent item, Member except)
    {
        if (IsAuditorium(room))
        {
            return;
        }
        foreach (var member in room.Slots)
        {
            if (member is not null && member != except)
            {
                Deliver(member, item);
            }
        }
    }

    public bool IsAuditorium(Room room) => room.Count > options.RoomNoticeLimit;

    /// <summary>The members whose outbox overflowed since the last call.</summary>
    public Member[] TakeOverflowing()
    {
        if (_overflowing.Count == 0)
        {
            return [];
        }
        Member[] taken = [.. _overflowing];
        _overflowing.Clear();
        return taken;
    }
}
