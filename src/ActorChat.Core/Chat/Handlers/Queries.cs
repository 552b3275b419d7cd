using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Questions about the chat: who is in a room, which rooms there are, what was said, and the ping barrier.</summary>
internal sealed class Queries(ChatState state, FanOut fanOut, Moderation.Authority authority)
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
        var members = room.Members.Skip((intent.Page - 1) * Page.Size).Take(Page.Size).ToList();
        var operators = members.Where(m => authority.IsRoomOperator(m, room)).Select(m => m.Nick!);
        fanOut.Deliver(member, new WhoReply(room.Name, room.Count, [.. members.Select(m => m.Nick!)], new Page(intent.Page, pages), [.. operators]));
    }

    public void ListRooms(Member member, ListRooms intent)
    {
        var pages = Page.CountFor(state.RoomCount);
        if (intent.Page > pages)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchPage, "", pages));
            return;
        }
        var rooms = state.RoomsBySize.Skip((intent.Page - 1) * Page.Size).Take(Page.Size).Select(r => (r.Name, r.Count, r.Rules.Topic));
        fanOut.Deliver(member, new RoomList(state.RoomCount, [.. rooms], new Page(intent.Page, pages)));
    }

    public void History(Member member, History intent)
    {
        var room = intent.Room is null ? member.Current : member.RoomNamed(intent.Room);
        if (room is null)
        {
            fanOut.Deliver(member, intent.Room is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, intent.Room));
            return;
        }
        if (Replay(fanOut, member, room, intent.Count) == 0)
        {
            fanOut.Deliver(member, new Info(InfoKind.NoHistory, room.Name));
        }
    }

    public void Ping(Member member, Ping intent) => fanOut.Deliver(member, new Pong(intent.Token));

    /// <summary>Sends the room's last <paramref name="count"/> messages as history; returns how many.</summary>
    public static int Replay(FanOut fanOut, Member member, Room room, int count)
    {
        var n = 0;
        foreach (var message in room.History(count))
        {
            fanOut.Deliver(member, message, history: true);
            n++;
        }
        return n;
    }
}
