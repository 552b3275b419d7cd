using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Joining and leaving rooms.</summary>
internal sealed class RoomCommands(ChatState state, FanOut fanOut, Membership membership)
{
    public void Join(Member member, Join intent)
    {
        if (!Names.TryParseRoom(intent.Room, out var name))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.RoomInvalid, intent.Room));
            return;
        }
        if (member.RoomNamed(name) is { } current)
        {
            member.Current = current;
            fanOut.Deliver(member, new Info(InfoKind.CurrentRoom, current.Name));
            return;
        }
        if (member.Rooms.Count >= state.Options.MaxRoomsPerUser)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyRoomsForUser, name, state.Options.MaxRoomsPerUser));
            return;
        }
        if (state.GetOrCreateRoom(name) is not { } room)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyRoomsOnServer, name, state.Options.MaxRooms));
            return;
        }
        membership.Enter(member, room);
        if (member.Away is { } away)
        {
            fanOut.ToRoom(room, new PresenceChange(PresenceKind.Away, member.Nick!, member.Account, away), except: member);     // away-notify: peers learn it on join
        }
        ShowTopic(fanOut, member, room, onJoin: true);
        if (intent.ListMembers)
        {
            Queries.ListMembers(fanOut, member, room, 1, Who.MaxPages, static (m, r) => r.Rules.IsOperator(m));
        }
        Queries.Replay(fanOut, member, room, state.Options.HistoryOnJoin);
    }

    public void PartAll(Member member, PartAll intent)
    {
        while (member.Rooms.Count > 0)
        {
            membership.Leave(member, member.Rooms[^1], intent.Reason);
        }
    }

    /// <summary>The room's topic; on join only when it has one.</summary>
    public static void ShowTopic(FanOut fanOut, Member member, Room room, bool onJoin)
    {
        if (room.Rules.Topic is not null || !onJoin)
        {
            fanOut.Deliver(member, new TopicReply(room.Name, room.Rules.Topic, room.Rules.TopicBy));
        }
    }

    public void Part(Member member, Part intent)
    {
        var named = intent.Room is not null && (intent.ReasonIfNotARoom is null || member.RoomNamed(intent.Room) is not null);
        var room = named ? member.RoomNamed(intent.Room!) : member.Current;
        if (room is null)
        {
            fanOut.Deliver(member, named
                ? new Refused(intent, Problem.NotInRoom, "#" + intent.Room!.TrimStart('#'))
                : new Refused(intent, Problem.NoCurrentRoom));
            return;
        }
        var wasCurrent = member.Current == room;
        membership.Leave(member, room, named ? intent.Reason : intent.ReasonIfNotARoom ?? intent.Reason);
        if (wasCurrent)
        {
            fanOut.Deliver(member, new Info(InfoKind.CurrentRoomAfterPart, member.Current?.Name));
        }
    }
}
