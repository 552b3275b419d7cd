using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>The everyday commands about people and rooms: topic, away, ignore, whois, the message of the day.</summary>
internal sealed class Presence(ChatState state, FanOut fanOut, Authority authority, IModerationStore store, Motd motd, TimeProvider clock)
{
    public void Topic(Member member, SetTopic intent)
    {
        if (member.RoomFor(intent.Room) is not { } room)
        {
            fanOut.Deliver(member, intent.Room is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, "#" + intent.Room.TrimStart('#')));
            return;
        }
        if (intent.Text is not { } text)
        {
            RoomCommands.ShowTopic(fanOut, member, room, onJoin: false);
            return;
        }
        if (text.Length > RoomRules.MaxTopic)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TopicTooLong, room.Name, RoomRules.MaxTopic));
            return;
        }
        var rules = room.Rules;
        var cleared = text.Length == 0;
        rules.Topic = cleared ? null : text;
        rules.TopicBy = cleared ? null : member.Nick;
        rules.TopicAt = cleared ? null : clock.GetUtcNow().UtcDateTime;
        if (rules.IsClaimed)
        {
            store.Save(new RoomRegistrationSaved(rules.ToStored(room.Name)));
        }
        fanOut.Broadcast(room, RoomEvent.Topic(room.Name, member.Nick!, text, member.Account));
    }

    public void Away(Member member, Away intent)
    {
        member.Away = intent.Message.Length == 0 ? null : intent.Message;
        fanOut.Deliver(member, member.Away is null ? new Info(InfoKind.AwayOff) : new Info(InfoKind.AwayOn, member.Away));
        fanOut.ToPeers(member, new PresenceChange(PresenceKind.Away, member.Nick!, member.Account, member.Away));
    }

    /// <summary>Ignores a nick; an identified member is ignored by account, so a new nick does not escape it.</summary>
    public void Ignore(Member member, Ignore intent)
    {
        var target = state.FindNick(intent.Nick);
        var key = target?.Key ?? Member.KeyOf(intent.Nick, null);
        var name = target is null ? intent.Nick : target.Account is { } account ? "account:" + account : target.Nick!;
        var ignores = member.Ignores ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!ignores.ContainsKey(key) && ignores.Count >= Member.MaxIgnores)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyIgnores, number: Member.MaxIgnores));
            return;
        }
        ignores[key] = name;
        fanOut.Deliver(member, new Info(InfoKind.Ignoring, name));
    }

    public void Unignore(Member member, Unignore intent)
    {
        var target = state.FindNick(intent.Nick);
        var removed = member.Ignores is { } ignores
            && ((target is not null && ignores.Remove(target.Key))
                | ignores.Remove(Member.KeyOf(intent.Nick, null))
                | ignores.Remove(Member.KeyOf(null, intent.Nick.StartsWith("account:", StringComparison.OrdinalIgnoreCase) ? intent.Nick[8..] : intent.Nick)));
        if (!removed)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NotIgnoring, intent.Nick));
            return;
        }
        if (member.Ignores!.Count == 0)
        {
            member.Ignores = null;     // delivery to it is back to one null test
        }
        fanOut.Deliver(member, new Info(InfoKind.Unignoring, intent.Nick));
    }

    public void ListIgnores(Member member) =>
        fanOut.Deliver(member, new IgnoreListReply(member.Ignores is { } ignores ? [.. ignores.Values.Order(StringComparer.OrdinalIgnoreCase)] : []));

    public void Whois(Member member, Whois intent)
    {
        if (state.FindNick(intent.Nick) is not { } target)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchNick, intent.Nick));
            return;
        }
        var idle = (int)((Environment.TickCount64 - target.LastActive) / 1000);
        var connected = (int)Math.Max(0, (clock.GetUtcNow().UtcDateTime - target.ConnectedAt).TotalSeconds);
        fanOut.Deliver(member, new WhoisReply(
            target.Nick!, target.Account, [.. target.Rooms.Select(r => r.Name)],
            [.. target.Rooms.Where(r => authority.IsRoomOperator(target, r)).Select(r => r.Name)],
            idle, connected, target.Away, target.Client.Secure ? "tls" : "tcp", state.IsServerOperator(target)));
    }

    public void Motd(Member member) =>
        fanOut.Deliver(member, motd.Lines.Count > 0 ? new MotdReply(motd.Lines) : new Info(InfoKind.NoMotd));
}
