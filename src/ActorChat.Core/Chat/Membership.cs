using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat;

/// <summary>Members coming into and going out of rooms, with what the rooms see of it.</summary>
internal sealed class Membership(ChatState state, FanOut fanOut)
{
    public void Enter(Member member, Room room, bool confirm = true)
    {
        state.Enter(member, room);
        fanOut.Announce(room, RoomEvent.Join(room.Name, member.Nick!), member, confirm);
    }

    public void Leave(Member member, Room room, string reason) => Leave(member, room, RoomEvent.Part(room.Name, member.Nick!, reason));

    private void Leave(Member member, Room room, RoomEvent part)
    {
        fanOut.Announce(room, part, member);
        state.Exit(member, room);
    }

    /// <summary>Takes a member out of every room (they see it leave with the reason) and frees its nick.</summary>
    public void LeaveEverywhere(Member member, string reason)
    {
        while (member.Rooms.Count > 0)
        {
            var room = member.Rooms[^1];
            Leave(member, room, RoomEvent.Quit(room.Name, member.Nick!, reason));
        }
        state.Unname(member);
    }
}
