using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Questions about the chat: who is in a room, which rooms there are, what was said, and the ping barrier.</summary>
internal sealed class Queries(ChatState state, FanOut fanOut)
{
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
        ListMembers(fanOut, member, room, intent.Page, intent.Pages);
    }

    /// <summary>Pages <paramref name="first"/> on of the room's members, at most <paramref name="pages"/> (and <see cref="Who.MaxPages"/>), a reply each.</summary>
    public static void ListMembers(FanOut fanOut, Member member, Room room, int first, int pages)
    {
        var count = Page.CountFor(room.Count);
        var last = Math.Min(count, first + Math.Clamp(pages, 1, Chat.Who.MaxPages) - 1);
        for (var page = first; page <= last; page++)
        {
            var nicks = room.Members.Select(m => m.Nick!).Skip((page - 1) * Page.Size).Take(Page.Size);
            fanOut.Deliver(member, new WhoReply(room.Name, room.Count, [.. nicks], new Page(page, count)));
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
            var rooms = state.RoomsBySize.Skip((page - 1) * Page.Size).Take(Page.Size).Select(r => (r.Name, r.Count));
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
        // Times compare to the millisecond, as clients see and send them.
        var messages = room.History(int.MaxValue).Select(m => (Message: m, Time: m.Time.AddTicks(-(m.Time.Ticks % TimeSpan.TicksPerMillisecond))))
            .Where(m => (intent.Before is not { } before || m.Time < before) && (intent.After is not { } after || m.Time > after))
            .Select(m => m.Message);
        var chosen = intent.Earliest ? messages.Take(intent.Count).ToList() : messages.TakeLast(intent.Count).ToList();
        fanOut.Deliver(member, new HistoryMark(room.Name, start: true));
        foreach (var message in chosen)
        {
            fanOut.Deliver(member, message, history: true);
        }
        fanOut.Deliver(member, new HistoryMark(room.Name, start: false));
        if (chosen.Count == 0)
        {
            fanOut.Deliver(member, new Info(InfoKind.NoHistory, room.Name));
        }
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
