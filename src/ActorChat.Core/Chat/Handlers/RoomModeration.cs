using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>
/// What room operators do (the authority let only them through, in a room they are in): operators,
/// kicks, room bans, mutes, modes, invitations, claiming. A claimed room's kept rules are saved on
/// every change.
/// </summary>
internal sealed class RoomModeration(ChatState state, FanOut fanOut, Membership membership, IModerationStore store, TimeProvider clock, ILogger logger)
{
    public void GiveOp(Member member, GiveOp intent)
    {
        if (Target(member, intent, intent.Nick) is not var (room, target))
        {
            return;
        }
        room.Rules.AddOperator(target);
        if (room.Rules.IsClaimed && target.Account is { } account)
        {
            room.Rules.OperatorAccounts.Add(account);
            Save(room);
        }
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "+o", target.Nick!, member.Account));
    }

    public void TakeOp(Member member, TakeOp intent)
    {
        if (Target(member, intent, intent.Nick, sparingTheFounder: true) is not var (room, target))
        {
            return;
        }
        room.Rules.RemoveOperator(target);
        if (target.Account is { } account && room.Rules.OperatorAccounts.Remove(account))
        {
            Save(room);
        }
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "-o", target.Nick!, member.Account));
    }

    public void Kick(Member member, Kick intent)
    {
        if (Target(member, intent, intent.Nick, sparingTheFounder: true) is var (room, target))
        {
            Out(room, target, member, intent.Reason);
        }
    }

    public void Ban(Member member, RoomBan intent)
    {
        var room = member.RoomFor(intent.Room)!;
        if (BanMask.Parse(intent.Mask) is not { } mask)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.MaskInvalid, intent.Mask));
            return;
        }
        if (!room.Rules.Bans.TryAdd(new Ban(mask, intent.Reason, member.Account ?? member.Nick!, Now, null)))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyBans, number: room.Rules.Bans.Capacity));
            return;
        }
        Save(room);
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "+b", mask.Text, member.Account));
        // Whoever it matches in the room is kicked out with the ban's reason; the founder and the banner stay.
        foreach (var target in room.Members.Where(m => m != member && !room.Rules.IsFounder(m) && mask.Matches(m)).ToList())
        {
            Out(room, target, member, intent.Reason);
        }
    }

    public void Unban(Member member, RoomUnban intent)
    {
        var room = member.RoomFor(intent.Room)!;
        var key = BanMask.Parse(intent.Mask)?.Text ?? intent.Mask;
        if (!room.Rules.Bans.Remove(key))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchBan, intent.Mask));
            return;
        }
        Save(room);
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "-b", key, member.Account));
    }

    public void ListBans(Member member, ListRoomBans intent)
    {
        var room = member.RoomFor(intent.Room)!;
        fanOut.Deliver(member, new BanListReply(room.Name, room.Rules.Bans.Current(Now)));
    }

    public void Mute(Member member, Mute intent)
    {
        if (Target(member, intent, intent.Nick, sparingTheFounder: true) is not var (room, target))
        {
            return;
        }
        var muted = room.Rules.Muted ??= new HashSet<string>(StringComparer.Ordinal);
        if (muted.Count >= RoomRules.MaxMutes)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyBans, number: RoomRules.MaxMutes));
            return;
        }
        muted.Add(target.Key);
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "+q", target.Nick!));
    }

    public void Unmute(Member member, Unmute intent)
    {
        if (Target(member, intent, intent.Nick) is not var (room, target))
        {
            return;
        }
        if (room.Rules.Muted is { } muted && muted.Remove(target.Key) && muted.Count == 0)
        {
            room.Rules.Muted = null;     // the say path is back to one null test
        }
        fanOut.Broadcast(room, RoomEvent.Mode(room.Name, member.Nick!, "-q", target.Nick!));
    }

    public void SetMode(Member member, SetMode intent)
    {
        var room = member.RoomFor(intent.Room)!;
        var mode = (intent.On ? "+" : "-") + intent.Mode;
        var notice = RoomEvent.Mode(room.Name, member.Nick!, mode, account: member.Account);
        // Set before the notice: closing, even the notice is not mirrored; opening, it is the first line mirrored again.
        if (intent.Mode == 'i')
        {
            room.Rules.InviteOnly = intent.On;
            state.ViewChanged = true;
        }
        else
        {
            room.Rules.TopicLocked = intent.On;
        }
        fanOut.Broadcast(room, notice);
        Save(room);
    }

    public void Invite(Member member, Invite intent)
    {
        var room = member.RoomFor(intent.Room)!;
        if (state.FindNick(intent.Nick) is not { } target)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchNick, intent.Nick));
            return;
        }
        var invited = room.Rules.Invited ??= new HashSet<string>(StringComparer.Ordinal);
        if (invited.Count >= RoomRules.MaxInvites)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyBans, number: RoomRules.MaxInvites));
            return;
        }
        invited.Add(target.Key);
        fanOut.Deliver(target, new InviteNotice(member.Nick!, room.Name));
        fanOut.Deliver(member, new Info(InfoKind.Invited, target.Nick, room.Name));
    }

    public void Claim(Member member, Claim intent)
    {
        var room = member.RoomFor(intent.Room)!;
        Refused? refused = room == state.LobbyRoom ? new Refused(intent, Problem.LobbyUnclaimable, room.Name)
            : room.Rules.IsClaimed ? new Refused(intent, Problem.AlreadyClaimed, room.Name, detail: room.Rules.Founder!)
            : null;
        if (refused is not null)
        {
            fanOut.Deliver(member, refused);
            return;
        }
        room.Rules.Founder = member.Account;
        Save(room);
        Log.RoomClaimed(logger, member.Account!, room.Name);
        fanOut.Deliver(member, new Info(InfoKind.Claimed, room.Name));
    }

    /// <summary>The room the intent names and the member <paramref name="nick"/> in it; refused (null) when it is not there or is the founder.</summary>
    private (Room Room, Member Target)? Target(Member member, RoomOperatorIntent intent, string nick, bool sparingTheFounder = false)
    {
        var room = member.RoomFor(intent.Room)!;
        if (state.FindNick(nick) is not { } target || !room.Contains(target))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TargetNotInRoom, nick, detail: room.Name));
            return null;
        }
        if (sparingTheFounder && room.Rules.IsFounder(target) && target != member)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.IsFounder, target.Nick!, detail: room.Name));
            return null;
        }
        return (room, target);
    }

    /// <summary>Kicks: the whole room (the kicked member too) sees it, then the member is out.</summary>
    private void Out(Room room, Member target, Member by, string reason)
    {
        var wasCurrent = target.Current == room;
        membership.Leave(target, room, RoomEvent.Kick(room.Name, target.Nick!, by.Nick!, reason, by.Account), announce: false);
        if (wasCurrent)
        {
            fanOut.Deliver(target, new Info(InfoKind.CurrentRoomAfterPart, target.Current?.Name));
        }
    }

    private void Save(Room room)
    {
        if (room.Rules.IsClaimed)
        {
            store.Save(new RoomRegistrationSaved(room.Rules.ToStored(room.Name)));
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
