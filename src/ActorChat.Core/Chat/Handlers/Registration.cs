using ActorChat.Core.Chat.Events;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Coming, naming and going: the greeting, the first nick, nick changes, quitting, the registration deadline.</summary>
internal sealed class Registration(ChatState state, FanOut fanOut, Membership membership, ILogger logger)
{
    public void Greet(Member member) => fanOut.Deliver(member, new Greeting(state.Users, state.RoomCount));

    /// <summary>Takes the first nick and, when asked to, puts the member in #lobby, with its recent history.</summary>
    public void Register(Member member, Register intent)
    {
        if (Refusal(member, intent, intent.Nick) is { } refused)
        {
            fanOut.Deliver(member, refused);
            return;
        }
        state.Name(member, intent.Nick);
        Log.Registered(logger, member.Id, intent.Nick, member.Client.Remote);
        if (!intent.EnterLobby)
        {
            fanOut.Deliver(member, new Welcome(intent.Nick, null, 0));
            return;
        }
        var lobby = state.LobbyRoom;
        membership.Enter(member, lobby, confirm: false);   // the welcome stands for the member's own join
        fanOut.Deliver(member, new Welcome(intent.Nick, lobby.Name, lobby.Count));
        Queries.Replay(fanOut, member, lobby, state.Options.HistoryOnJoin);
    }

    public void ChangeNick(Member member, ChangeNick intent)
    {
        if (Refusal(member, intent, intent.Nick) is { } refused)
        {
            fanOut.Deliver(member, refused);
            return;
        }
        var old = member.Nick!;
        if (old == intent.Nick)
        {
            fanOut.Deliver(member, new Info(InfoKind.NickUnchanged, old));
            return;
        }
        state.Name(member, intent.Nick);
        Log.NickChanged(logger, member.Id, old, intent.Nick);
        if (member.Rooms.Count == 0)
        {
            fanOut.Deliver(member, new Info(InfoKind.NickChanged, intent.Nick));
        }
        foreach (var room in member.Rooms)
        {
            fanOut.Announce(room, RoomEvent.NickChange(room.Name, old, intent.Nick), member);
        }
    }

    public void Quit(Member member, Quit intent)
    {
        var reason = intent.Reason.Length == 0 ? "quit" : intent.Reason;
        Log.Quit(logger, member.Id, member.Nick, reason);
        state.Forget(member);
        membership.LeaveEverywhere(member, reason);
        member.Client.Close(new Info(InfoKind.Goodbye));
    }

    /// <summary>The registration time is up: a member still without a nick is closed.</summary>
    public void Expire(Member member)
    {
        if (member.Nick is null && state.Forget(member))
        {
            Log.ClientCut(logger, member.Id, member.Client.Remote, null, "registration timeout");
            member.Client.Close(new SessionError(SessionProblem.RegistrationTimeout));
        }
    }

    private Refused? Refusal(Member member, Intent intent, string nick) =>
        !Names.IsValidNick(nick) ? new Refused(intent, Problem.NickInvalid, nick)
        : state.IsTaken(nick, member) ? new Refused(intent, Problem.NickTaken, nick)
        : null;
}
