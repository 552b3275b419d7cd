using ActorChat.Core.Chat.Events;
using ActorChat.Core.Metrics;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Saying things: in a room, as an action, or privately (and replying to the last private message).</summary>
internal sealed class Messaging(ChatState state, FanOut fanOut, StoreLink store)
{
    public void Say(Member member, Say intent) => Speak(member, intent, intent.Room, intent.Text, action: false);

    public void Act(Member member, Act intent) => Speak(member, intent, intent.Room, intent.Text, action: true);

    public void SendPrivate(Member member, SendPrivate intent) => SendPrivate(member, intent, intent.Nick, intent.Text);

    public void Reply(Member member, ReplyPrivate intent)
    {
        if (member.LastPmFrom is not { } nick)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoOneToReply));
            return;
        }
        SendPrivate(member, intent, nick, intent.Text);
    }

    private void SendPrivate(Member member, Intent intent, string nick, string text)
    {
        if (state.FindNick(nick) is not { } to)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchNick, nick));
            return;
        }
        member.LastActive = Environment.TickCount64;
        var pm = new PrivateMessage(member.Nick!, to.Nick!, text, member.Account);
        if (!to.IsIgnoring(member))
        {
            fanOut.Deliver(to, pm);
            to.LastPmFrom = member.Nick;
        }
        if (to != member && member.EchoOwn)
        {
            fanOut.Deliver(member, pm);
        }
        if (to.Away is { } away)
        {
            fanOut.Deliver(member, new AwayReply(to.Nick!, away));
        }
    }

    private void Speak(Member member, Intent intent, string? roomName, string text, bool action)
    {
        var room = member.RoomFor(roomName);
        if (room is null)
        {
            fanOut.Deliver(member, roomName is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, roomName));
            return;
        }
        member.LastActive = Environment.TickCount64;
        var id = room.NextId();
        var said = action ? RoomEvent.Action(room.Name, member.Nick!, text, id, member.Account) : RoomEvent.Message(room.Name, member.Nick!, text, id, member.Account);
        state.Remember(room, said);
        store.Save(room, said);
        ChatMetrics.MessagesSaid.Add(1);
        fanOut.Broadcast(room, said, except: member.EchoOwn ? null : member, speaker: member);
    }
}
