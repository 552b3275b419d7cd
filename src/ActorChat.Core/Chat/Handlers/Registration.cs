using ActorChat.Core.Chat.Events;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>Coming, naming and going: the greeting, the first nick, nick changes, quitting, the registration deadline, bans at the door.</summary>
internal sealed class Registration(ChatState state, FanOut fanOut, Membership membership, Motd motd, TimeProvider clock, ILogger logger)
{
    /// <summary>Greets a new connection, or closes it at once when its address is banned (for transports that did not check).</summary>
    public void Greet(Member member)
    {
        if (member.Address is not null && state.ServerBans.Matching(null, null, member.Address, Now) is { } ban)
        {
            Turn(member, new Removed(ban.SetBy, ban.Reason, banned: true), ban.Reason);
            return;
        }
        fanOut.Deliver(member, new Greeting(state.Users, state.RoomCount));
    }

    /// <summary>Takes the first nick and, unless the front end asks for none, puts the member in #lobby, with the message of the day, the topic and the recent history.</summary>
    public void Register(Member member, Register intent)
    {
        if (Names.Comparer.Equals(member.Account, intent.Nick))
        {
            Ghost(member, intent.Nick);     // logged in before registering (IRC's SASL or PASS): the account's nick is its own
        }
        if (Refusal(member, intent, intent.Nick) is { } refused)
        {
            fanOut.Deliver(member, refused);
            return;
        }
        if (state.ServerBans.Matching(intent.Nick, member.Account, member.Address, Now) is { } ban)
        {
            Turn(member, new Refused(intent, Problem.Banned, ban.Reason), ban.Reason);
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
        if (motd.Lines.Count > 0)
        {
            fanOut.Deliver(member, new MotdReply(motd.Lines));
        }
        RoomCommands.ShowTopic(fanOut, member, lobby, onJoin: true);
        Queries.Replay(fanOut, member, lobby, state.Options.HistoryOnJoin);
    }

    /// <summary>
    /// A member identified to the account <paramref name="nick"/> takes the nick from whoever holds it
    /// (its own other connection, or a ghost): that one is closed, told it logged in elsewhere.
    /// </summary>
    public void Ghost(Member member, string nick)
    {
        if (state.FindNick(nick) is { } holder && holder != member && state.Forget(holder))
        {
            membership.LeaveEverywhere(holder, room => RoomEvent.Part(room.Name, holder.Nick!, "", holder.Account));
            holder.Client.Close(new Info(InfoKind.LoggedInElsewhere, nick));
        }
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
        var oldKey = member.Key;
        state.Name(member, intent.Nick);
        Log.NickChanged(logger, member.Id, old, intent.Nick);
        if (member.Rooms.Count == 0)
        {
            fanOut.Deliver(member, new Info(InfoKind.NickChanged, intent.Nick));
        }
        foreach (var room in member.Rooms)
        {
            // A mute follows the member to its new nick.
            if (room.Rules.Muted is { } muted && muted.Remove(oldKey))
            {
                muted.Add(member.Key);
            }
            fanOut.Announce(room, RoomEvent.NickChange(room.Name, old, intent.Nick, member.Account), member);
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

    /// <summary>
    /// Takes a member off the server (a kill, a ban): its rooms see <paramref name="notice"/> for each
    /// room, and it is sent <paramref name="last"/> and closed.
    /// </summary>
    public void Remove(Member member, ChatEvent last, string by, string reason, Func<Room, RoomEvent> notice)
    {
        if (!state.Forget(member))
        {
            return;
        }
        Log.Removed(logger, member.Id, member.Nick, by, reason);
        membership.LeaveEverywhere(member, notice);
        member.Client.Close(last);
    }

    private void Turn(Member member, ChatEvent last, string reason)
    {
        Log.BannedRefused(logger, member.Id, member.Client.Remote, reason);
        state.Forget(member);
        member.Client.Close(last);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A registered nick is held only by a member identified to its account.</summary>
    private Refused? Refusal(Member member, Intent intent, string nick) =>
        !Names.IsValidNick(nick) ? new Refused(intent, Problem.NickInvalid, nick)
        : state.IsTaken(nick, member) ? new Refused(intent, Problem.NickTaken, nick)
        : state.Accounts.ContainsKey(nick) && !Names.Comparer.Equals(member.Account, nick) ? new Refused(intent, Problem.NickRegistered, nick)
        : null;
}
