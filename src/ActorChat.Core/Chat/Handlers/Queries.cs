using ActorChat.Core.Chat.Events;
using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Questions about the chat: who is in a room, which rooms there are, what was said, and the ping barrier.</summary>
internal sealed class Queries(ChatState state, FanOut fanOut, StoreLink store, Moderation.Authority authority)
{
    /// <summary>A room's modes and age, to anyone (IRC's <c>MODE #room</c>); a room that does not exist is refused.</summary>
    public void Modes(Member member, ShowModes intent)
    {
        if (!Names.TryParseRoom(intent.Room, out var name) || state.FindRoom(name) is not { } room)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchRoom, intent.Room));
            return;
        }
        fanOut.Deliver(member, new ModesReply(room.Name, room.Rules.Modes, room.Created));
    }

    public void Who(Member member, Who intent)
    {
        var room = intent.Room is null ? member.Current
            : Names.TryParseRoom(intent.Room, out var name) ? state.FindRoom(name) : null;
        if (room is null)
        {
            fanOut.Deliver(member, intent.Room is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NoSuchRoom, intent.Room));
            return;
        }
        var pages = Page.CountFor(room.Count);
        if (intent.Page > pages)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchPage, room.Name, pages));
            return;
        }
        ListMembers(fanOut, member, room, intent.Page, intent.Pages, authority.IsRoomOperator);
    }

    /// <summary>Pages <paramref name="first"/> on of the room's members, at most <paramref name="pages"/> (and <see cref="Who.MaxPages"/>), a reply each.</summary>
    public static void ListMembers(FanOut fanOut, Member member, Room room, int first, int pages, Func<Member, Room, bool> isOperator)
    {
        var count = Page.CountFor(room.Count);
        var last = Math.Min(count, first + Math.Clamp(pages, 1, Chat.Who.MaxPages) - 1);
        for (var page = first; page <= last; page++)
        {
            var members = room.Members.Skip((page - 1) * Page.Size).Take(Page.Size).ToList();
            var operators = members.Where(m => isOperator(m, room)).Select(m => m.Nick!);
            fanOut.Deliver(member, new WhoReply(room.Name, room.Count, [.. members.Select(m => m.Nick!)], new Page(page, count), [.. operators]));
        }
    }

    public void ListRooms(Member member, ListRooms intent)
    {
        var pages = Page.CountFor(state.RoomCount);
        if (intent.Page > pages)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchPage, "", pages));
            return;
        }
        var last = Math.Min(pages, intent.Page + Math.Clamp(intent.Pages, 1, Chat.Who.MaxPages) - 1);
        for (var page = intent.Page; page <= last; page++)
        {
            var rooms = state.RoomsBySize.Skip((page - 1) * Page.Size).Take(Page.Size).Select(r => (r.Name, r.Count, r.Rules.Topic));
            fanOut.Deliver(member, new RoomList(state.RoomCount, [.. rooms], new Page(page, pages)));
        }
    }

    public void CountUsers(Member member) => fanOut.Deliver(member, new UserCounts(state.Users, state.RoomCount));

    public void LookUp(Member member, LookUp intent) =>
        fanOut.Deliver(member, new Present([.. intent.Nicks.Select(state.FindNick).OfType<Member>().Select(m => m.Nick!).Distinct()]));

    public void History(Member member, History intent)
    {
        var room = intent.Room is null ? member.Current : member.RoomNamed(intent.Room);
        if (room is null)
        {
            fanOut.Deliver(member, intent.Room is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, intent.Room));
            return;
        }
        // Memory answers what it holds; older pages are read from the store, off the broker's pump.
        if (store.Enabled && (intent.BeforeId is not null || intent.Count > room.HistoryCount))
        {
            store.Ask(member, new HistoryQuery(room.Name, intent.Count, intent.BeforeId, member.Id));
            return;
        }
        var page = intent.BeforeId is { } before
            ? room.History(int.MaxValue).Where(e => e.Id < before).TakeLast(intent.Count).ToList()
            : room.History(intent.Count).ToList();
        DeliverPage(member, room.Name, intent.Count, intent.BeforeId, page);
    }

    /// <summary>A page the store has read (the member's later requests wait for it).</summary>
    public void PageArrived(Member member, HistoryPage page)
    {
        var q = page.Query;
        DeliverPage(member, q.Room, q.Count, q.BeforeId,
            [.. page.Messages.Select(m => RoomEvent.Said(q.Room, m.Nick, m.Text, m.Id, m.IsAction, m.Time))]);
    }

    /// <summary>
    /// Sends a page, newest last, and one line after it: none at all (empty), or, with a store, how to
    /// ask for the page before a full one. A page is cut short (its oldest lines) to half the send
    /// queue, so asking for history never costs the asker its connection.
    /// </summary>
    private void DeliverPage(Member member, string room, int count, long? before, List<RoomEvent> page)
    {
        var fits = FittingTail(page);
        fanOut.Deliver(member, new HistoryMark(room, start: true));
        for (var i = page.Count - fits; i < page.Count; i++)
        {
            fanOut.Deliver(member, page[i], history: true);
        }
        fanOut.Deliver(member, new HistoryMark(room, start: false));
        if (fits == 0)
        {
            fanOut.Deliver(member, before is { } id ? new HistoryNote(HistoryNoteKind.NoneBefore, room, id) : new HistoryNote(HistoryNoteKind.Empty, room));
        }
        else if (store.Enabled && (fits < page.Count || page.Count == count) && page[^fits].Id > 1)
        {
            fanOut.Deliver(member, new HistoryNote(HistoryNoteKind.More, room, page[^fits].Id, count));
        }
    }

    /// <summary>How many of the page's newest lines fit in half the send queue (lines and, roughly, bytes).</summary>
    private int FittingTail(List<RoomEvent> page)
    {
        var options = state.Options;
        long bytes = 0;
        var n = 0;
        for (var i = page.Count - 1; i >= 0; i--, n++)
        {
            // The text, the names and the JSON fields around them; the newest line always goes.
            bytes += System.Text.Encoding.UTF8.GetByteCount(page[i].Text) + page[i].Nick.Length + page[i].Room.Length + 96;
            if (n > 0 && (n >= options.SendQueueLines / 2 || bytes > options.SendQueueBytes / 2))
            {
                break;
            }
        }
        return n;
    }

    public void Ping(Member member, Ping intent) => fanOut.Deliver(member, new Pong(intent.Token));

    /// <summary>Sends the room's last <paramref name="count"/> messages as history, between history marks.</summary>
    public static void Replay(FanOut fanOut, Member member, Room room, int count)
    {
        if (room.HistoryCount == 0 || count <= 0)
        {
            return;
        }
        fanOut.Deliver(member, new HistoryMark(room.Name, start: true));
        foreach (var message in room.History(count))
        {
            fanOut.Deliver(member, message, history: true);
        }
        fanOut.Deliver(member, new HistoryMark(room.Name, start: false));
    }
}
