using ActorChat.Core.Chat.Accounts;

namespace ActorChat.Core.Chat;

// Accounts. Passwords travel as Secret, which prints as ***.

/// <summary>Registers the member's nick as an account with this password.</summary>
internal sealed record RegisterAccount(Secret Password) : Intent;

/// <summary>Logs in to the account <paramref name="Nick"/> (null: the member's nick) and takes it as the nick.</summary>
/// <remarks>
/// <paramref name="TakeNick"/> false (IRC's SASL and PASS, before the nick is registered): only log in;
/// the nick is whatever the connection registers or has, and no other connection is closed here.
/// </remarks>
internal sealed record Identify(string? Nick, Secret Password, bool TakeNick = true) : Intent;

internal sealed record ChangePassword(Secret Old, Secret New) : Intent;

internal sealed record Unregister(Secret Password) : Intent;

// Server operators (accounts named in Chat:Operators).

/// <summary>An intent only a server operator may have.</summary>
internal abstract record OperatorIntent : Intent;

internal sealed record Kill(string Nick, string Reason) : OperatorIntent;

/// <summary>Bans a mask server-wide for <paramref name="Duration"/> (null: until lifted).</summary>
internal sealed record ServerBan(string Mask, TimeSpan? Duration, string Reason) : OperatorIntent;

internal sealed record ServerUnban(string Mask) : OperatorIntent;

internal sealed record ListServerBans : OperatorIntent;

/// <summary>A notice to everyone on the server.</summary>
internal sealed record Wall(string Text) : OperatorIntent;

// Room operators. Room null: the current room.

/// <summary>An intent only an operator of <paramref name="Room"/> may have.</summary>
internal abstract record RoomOperatorIntent(string? Room) : Intent;

internal sealed record GiveOp(string? Room, string Nick) : RoomOperatorIntent(Room);

internal sealed record TakeOp(string? Room, string Nick) : RoomOperatorIntent(Room);

internal sealed record Kick(string? Room, string Nick, string Reason) : RoomOperatorIntent(Room);

internal sealed record RoomBan(string? Room, string Mask, string Reason) : RoomOperatorIntent(Room);

internal sealed record RoomUnban(string? Room, string Mask) : RoomOperatorIntent(Room);

internal sealed record ListRoomBans(string? Room) : RoomOperatorIntent(Room);

internal sealed record Mute(string? Room, string Nick) : RoomOperatorIntent(Room);

internal sealed record Unmute(string? Room, string Nick) : RoomOperatorIntent(Room);

/// <summary>Sets (<paramref name="On"/>) or clears a room mode: 'i' invite only, 't' topic for operators only.</summary>
internal sealed record SetMode(string? Room, char Mode, bool On) : RoomOperatorIntent(Room);

internal sealed record Invite(string? Room, string Nick) : RoomOperatorIntent(Room);

/// <summary>Registers the room with the member's account as founder (identified room operators only).</summary>
internal sealed record Claim(string? Room) : RoomOperatorIntent(Room);

// Everyday.

/// <summary>Shows the topic (<paramref name="Text"/> null), or sets it ("" clears it).</summary>
internal sealed record SetTopic(string? Room, string? Text) : Intent;

/// <summary>Marks the member away with <paramref name="Message"/>; empty: back.</summary>
internal sealed record Away(string Message) : Intent;

internal sealed record Ignore(string Nick) : Intent;

internal sealed record Unignore(string Nick) : Intent;

internal sealed record ListIgnores : Intent;

internal sealed record Whois(string Nick) : Intent;

/// <summary>A private message to whoever sent the member the last one.</summary>
internal sealed record ReplyPrivate(string Text) : Intent;

internal sealed record ShowMotd : Intent;

/// <summary>A room's modes (<paramref name="Room"/> with or without '#'); anyone may ask.</summary>
internal sealed record ShowModes(string Room) : Intent;
