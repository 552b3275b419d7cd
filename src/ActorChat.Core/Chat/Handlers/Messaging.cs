using ActorChat.Core.Chat.Events;
using ActorChat.Core.Metrics;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Saying things: in a room, as an action, or privately.</summary>
internal sealed class Messaging(ChatState state, FanOut fanOut)
{
    public void Say(Member member, Say intent) => Speak(member, intent, intent.Room, intent.Text, action: false);

    public void Act(Member member, Act intent) => Speak(member, intent, intent.Room, intent.Text, action: true);

    public void SendPrivate(Member member, SendPrivate intent)
    {
        if (state.FindNick(intent.Nick) is not { } to)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchNick, intent.Nick));
            return;
        }
        var pm = new PrivateMessage(member.Nick!, to.Nick!, intent.Text);
        fanOut.Deliver(to, pm);
        if (to != member && member.EchoOwn)
        {
            fanOut.Deliver(member, pm);
        }
    }

    private void Speak(Member member, Intent intent, string? roomName, string text, bool action)
    {
        var room = roomName is null ? member.Current : member.RoomNamed(roomName);
        if (room is null)
        {
            fanOut.Deliver(member, roomName is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, roomName));
            return;
        }
        var id = room.NextId();
        var said = action ? RoomEvent.Action(room.Name, member.Nick!, text, id) : RoomEvent.Message(room.Name, member.Nick!, text, id);
        state.Remember(room, said);
        ChatMetrics.MessagesSaid.Add(1);
        fanOut.Broadcast(room, said, except: member.EchoOwn ? null : member);
    }
}
