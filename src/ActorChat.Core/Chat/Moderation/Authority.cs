using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Chat.Moderation;

/// <summary>
/// The one authorisation step: before the broker dispatches an intent, this says whether the member
/// may have it (server operators, room operators, mutes, bans and invitations on join, the topic
/// lock, identification). Handlers then only do what was allowed. Say and Act cost one null test
/// when nobody in the room is muted.
/// </summary>
internal sealed class Authority(ChatState state, TimeProvider clock)
{
    /// <summary>Null when allowed; else the refusal to send.</summary>
    public Refused? Check(Member member, Intent intent) => intent switch
    {
        Say say => Speaking(member, intent, say.Room),
        Act act => Speaking(member, intent, act.Room),
        OperatorIntent when !state.IsServerOperator(member) => new Refused(intent, Problem.NotOperator),
        Claim when member.Account is null => new Refused(intent, Problem.NotIdentified),
        RoomOperatorIntent roomIntent => RoomOperator(member, intent, roomIntent.Room),
        SetTopic { Text: not null } topic => Topic(member, topic),
        Join join => Joining(member, join),
        ChangeNick change => Renaming(member, intent, change.Nick),
        Register register => Renaming(member, intent, register.Nick),
        ChangePassword or Unregister when member.Account is null => new Refused(intent, Problem.NotIdentified),
        _ => null,
    };

    /// <summary>Whether the member may act as an operator of the room: its operators, and server operators.</summary>
    public bool IsRoomOperator(Member member, Room room) => room.Rules.IsOperator(member) || state.IsServerOperator(member);

    private static Refused? Speaking(Member member, Intent intent, string? roomName) =>
        member.RoomFor(roomName) is { } room && room.Rules.IsMuted(member) ? new Refused(intent, Problem.Muted, room.Name) : null;

    private Refused? RoomOperator(Member member, Intent intent, string? roomName) => member.RoomFor(roomName) switch
    {
        null => NotIn(intent, roomName),
        var room when !IsRoomOperator(member, room) => new Refused(intent, Problem.NotRoomOperator, room.Name),
        _ => null,
    };

    private Refused? Topic(Member member, SetTopic intent) => member.RoomFor(intent.Room) switch
    {
        null => NotIn(intent, intent.Room),
        var room when room.Rules.TopicLocked && !IsRoomOperator(member, room) => new Refused(intent, Problem.TopicLocked, room.Name),
        _ => null,
    };

    private Refused? Joining(Member member, Join intent)
    {
        if (!Names.TryParseRoom(intent.Room, out var name) || state.FindRoom(name) is not { } room || room.Contains(member)
            || IsRoomOperator(member, room))
        {
            return null;
        }
        if (room.Rules.Bans.Matching(member.Nick, member.Account, member.Address, clock.GetUtcNow().UtcDateTime) is { } ban)
        {
            return new Refused(intent, Problem.BannedFromRoom, room.Name, detail: ban.Reason);
        }
        if (room.Rules.InviteOnly && room.Rules.Invited?.Contains(member.Key) != true)
        {
            return new Refused(intent, Problem.InviteOnly, room.Name);
        }
        return null;
    }

    /// <summary>A server-banned nick cannot be taken by a rename either.</summary>
    private Refused? Renaming(Member member, Intent intent, string nick) =>
        state.ServerBans.Matching(nick, null, null, clock.GetUtcNow().UtcDateTime) is { } ban ? new Refused(intent, Problem.Banned, ban.Reason) : null;

    private static Refused NotIn(Intent intent, string? roomName) =>
        roomName is null ? new Refused(intent, Problem.NoCurrentRoom) : new Refused(intent, Problem.NotInRoom, "#" + roomName.TrimStart('#'));
}
