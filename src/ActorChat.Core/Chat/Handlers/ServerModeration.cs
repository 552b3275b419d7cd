using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>What server operators do (the authority let only them through): kill, server bans, the wall.</summary>
internal sealed class ServerModeration(ChatState state, FanOut fanOut, Registration registration, IModerationStore store, TimeProvider clock, ILogger logger)
{
    public void Kill(Member member, Kill intent)
    {
        if (state.FindNick(intent.Nick) is not { } target)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchNick, intent.Nick));
            return;
        }
        Remove(target, member.Nick!, intent.Reason, banned: false);
    }

    public void Ban(Member member, ServerBan intent)
    {
        if (BanMask.Parse(intent.Mask) is not { } mask)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.MaskInvalid, intent.Mask));
            return;
        }
        var now = Now;
        var ban = new Ban(mask, intent.Reason, member.Account ?? member.Nick!, now, intent.Duration is { } d ? now + d : null);
        if (!state.ServerBans.TryAdd(ban))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyBans, number: state.ServerBans.Capacity));
            return;
        }
        store.Save(new ServerBanSaved(ban.ToStored()));
        state.ViewChanged = true;
        Log.ServerBanSet(logger, ban.SetBy, mask.Text, ban.Expires, ban.Reason);
        // Whoever the mask matches now goes; server operators are never removed by a ban (they lift it).
        var matching = state.Members.Where(m => m != member && !state.IsServerOperator(m) && mask.Matches(m)).ToList();
        foreach (var target in matching)
        {
            Remove(target, member.Nick!, ban.Reason, banned: true);
        }
        fanOut.Deliver(member, new Info(InfoKind.BanSet, mask.Text, matching.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Unban(Member member, ServerUnban intent)
    {
        var key = BanMask.Parse(intent.Mask)?.Text ?? intent.Mask;
        if (!state.ServerBans.Remove(key))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchBan, intent.Mask));
            return;
        }
        store.Save(new ServerBanDeleted(key));
        state.ViewChanged = true;
        Log.ServerBanLifted(logger, member.Account ?? member.Nick!, key);
        fanOut.Deliver(member, new Info(InfoKind.BanLifted, key));
    }

    public void ListBans(Member member)
    {
        var expired = new List<Ban>();
        var bans = state.ServerBans.Current(Now, expired);
        foreach (var ban in expired)
        {
            store.Save(new ServerBanDeleted(ban.Mask.Text));
            state.ViewChanged = true;
        }
        fanOut.Deliver(member, new BanListReply(null, bans));
    }

    public void Wall(Member member, Wall intent)
    {
        var notice = new WallNotice(member.Nick!, intent.Text);
        foreach (var to in state.Members)
        {
            if (to.Nick is not null)
            {
                fanOut.Deliver(to, notice);
            }
        }
    }

    private void Remove(Member target, string by, string reason, bool banned) =>
        registration.Remove(target, new Removed(by, reason, banned), by, reason, room => RoomEvent.Kill(room.Name, target.Nick!, by, reason));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
