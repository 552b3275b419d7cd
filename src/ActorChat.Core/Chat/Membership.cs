using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat;

/// <summary>Members coming into and going out of rooms, with what the rooms see of it.</summary>
internal sealed class Membership(ChatState state, FanOut fanOut)
{
    /// <summary>
    /// Puts the member in the room; the first member of an unclaimed room is its operator (but in
    /// #lobby, where everyone lands: there only server operators are); an invitation is used up.
    /// </summary>
    public void Enter(Member member, Room room, bool confirm = true)
    {
        if (room.Count == 0 && !room.Rules.IsClaimed && room != state.LobbyRoom)
        {
            room.Rules.AddOperator(member);
        }
        room.Rules.Invited?.Remove(member.Key);
        state.Enter(member, room);
        fanOut.Announce(room, RoomEvent.Join(room.Name, member.Nick!, member.Account), member, confirm);
    }

    public void Leave(Member member, Room room, string reason) =>
        Leave(member, room, RoomEvent.Part(room.Name, member.Nick!, reason, member.Account), announce: true);

    /// <summary>Takes the member out after the room has seen <paramref name="notice"/> (a part, or a kick seen by all).</summary>
    public void Leave(Member member, Room room, RoomEvent notice, bool announce)
    {
        if (announce)
        {
            fanOut.Announce(room, notice, member);
        }
        else
        {
            fanOut.Broadcast(room, notice);
        }
        state.Exit(member, room);
    }

    /// <summary>Takes a member out of every room (they see it leave with the reason) and frees its nick.</summary>
    public void LeaveEverywhere(Member member, string reason) => LeaveEverywhere(member, room => RoomEvent.Quit(room.Name, member.Nick!, reason, member.Account));

    /// <summary>Takes a member out of every room, each seeing <paramref name="notice"/>, and frees its nick.</summary>
    public void LeaveEverywhere(Member member, Func<Room, RoomEvent> notice)
    {
        while (member.Rooms.Count > 0)
        {
            var room = member.Rooms[^1];
            Leave(member, room, notice(room), announce: true);
        }
        state.Unname(member);
    }
}
