namespace ActorChat.Core.Protocols.Json;

/// <summary>The JSON mode's field names. Server, client and load generator all use these.</summary>
internal static class JsonField
{
    public const string Type = "type", Room = "room", Nick = "nick", Text = "text", Id = "id", Reason = "reason", Old = "old";
    public const string Ts = "ts", History = "history", From = "from", To = "to", Token = "token", Nicks = "nicks";
    public const string Rooms = "rooms", Name = "name", Users = "users", Page = "page", Pages = "pages", Total = "total", Code = "code";
}

/// <summary>The values of "type" in the JSON mode.</summary>
internal static class JsonType
{
    public const string Message = "message", Action = "action", Join = "join", Part = "part", Nick = "nick";
    public const string Pm = "pm", Info = "info", Error = "error", Pong = "pong", Welcome = "welcome", Who = "who", Rooms = "rooms";
}
