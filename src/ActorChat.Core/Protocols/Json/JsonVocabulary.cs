namespace ActorChat.Core.Protocols.Json;

/// <summary>The JSON mode's field names. Server, client and load generator all use these.</summary>
internal static class JsonField
{
    public const string Type = "type", Room = "room", Nick = "nick", Text = "text", Id = "id", Reason = "reason", Old = "old";
    public const string Ts = "ts", History = "history", From = "from", To = "to", Token = "token", Nicks = "nicks";
    public const string Rooms = "rooms", Name = "name", Users = "users", Page = "page", Pages = "pages", Total = "total", Code = "code";
    public const string By = "by", Topic = "topic", Mode = "mode", Target = "target", Event = "event", Account = "account", Ops = "ops";
    public const string Idle = "idle", Connected = "connected", Away = "away", Transport = "transport", Operator = "operator";
    public const string Bans = "bans", Mask = "mask", Set = "set", Expires = "expires", Names = "names", Lines = "lines";
}

/// <summary>The values of "type" in the JSON mode.</summary>
internal static class JsonType
{
    public const string Message = "message", Action = "action", Join = "join", Part = "part", Nick = "nick";
    public const string Pm = "pm", Info = "info", Error = "error", Pong = "pong", Welcome = "welcome", Who = "who", Rooms = "rooms";
    public const string Kick = "kick", Kill = "kill", Topic = "topic", Mode = "mode", Account = "account", Away = "away", Whois = "whois";
    public const string Wall = "wall", Invite = "invite", Bans = "bans", Ignores = "ignores", Motd = "motd", RoomTopic = "room_topic";
}

/// <summary>
/// The "code" values of the lines after which the server closes a connection for good (a client
/// must not come back by itself); the codes of refusals are their <c>Problem</c>'s name (<see cref="JsonFormat.Code"/>).
/// </summary>
internal static class JsonCodes
{
    public const string Killed = "killed", Banned = "banned", LoggedInElsewhere = "logged-in-elsewhere";
}
